// Helpers of the extra-ops kernels: NumPy broadcasting through strided
// copies, and conversions between doubles and tensor dtypes.
#include <algorithm>

#include "interpreter/kernels/extra_ops.h"

namespace pd2onnx::interp::kernels {

Dims BroadcastDims(const Dims& a, const Dims& b) {
  const size_t rank = std::max(a.size(), b.size());
  Dims out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    const int64_t da = i + a.size() >= rank ? a[i + a.size() - rank] : 1;
    const int64_t db = i + b.size() >= rank ? b[i + b.size() - rank] : 1;
    PD2ONNX_CHECK(da == db || da == 1 || db == 1, ErrorKind::kInvalidInput,
                  "shapes {} and {} do not broadcast", graph::ShapeToString(a),
                  graph::ShapeToString(b));
    out[i] = da == 1 ? db : da;
  }
  return out;
}

std::vector<double> BroadcastValues(const HostTensor& t, const Dims& out) {
  const Dims strides = Strides(t.dims);
  const size_t lead = out.size() - t.dims.size();
  Dims src_strides(out.size(), 0);
  for (size_t i = lead; i < out.size(); ++i) {
    if (t.dims[i - lead] != 1) src_strides[i] = strides[i - lead];
  }
  return StridedCopy(t, out, src_strides).ToDouble();
}

HostTensor FromDoubles(DataType dtype, Dims dims, const std::vector<double>& values) {
  return CastTo(HostTensor::From<double>(DataType::kFloat64, std::move(dims), values), dtype);
}

DataType PaddleDtypeAttr(const KernelContext& ctx, const char* name, int64_t default_value) {
  const int64_t number = ctx.Attr<int64_t>(name, default_value);
  const auto dtype = graph::DataTypeFromPaddle(number);
  PD2ONNX_CHECK(dtype.has_value(), ErrorKind::kInvalidInput, "{} {} is not a dtype", name, number);
  return *dtype;
}

}  // namespace pd2onnx::interp::kernels
