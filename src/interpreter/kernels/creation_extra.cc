// Creation and whole-tensor kernels of the tensor index area (Paddle's phi
// CPU kernels as the reference): range, linspace, eye, size, sum,
// fill_zeros_like, share_data.
#include <cmath>
#include <cstdlib>

#include "interpreter/kernels/indexing.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

DataType DtypeAttr(const KernelContext& ctx, const char* name, int64_t default_value) {
  const int64_t number = ctx.Attr<int64_t>(name, default_value);
  const auto dtype = graph::DataTypeFromPaddle(number);
  PD2ONNX_CHECK(dtype.has_value(), ErrorKind::kInvalidInput, "{} {} is not a dtype", name, number);
  return *dtype;
}

}  // namespace

// Start's dtype; size = ceil(|end - start| / |step|) (integers: exact);
// values accumulate: v = start, then v += step (Paddle's arange kernel).
void Range(KernelContext& ctx) {
  const HostTensor& start_t = ctx.Input("Start");
  const DataType dtype = start_t.dtype;
  const HostTensor end_t = CastTo(ctx.Input("End"), dtype);
  const HostTensor step_t = CastTo(ctx.Input("Step"), dtype);
  HostTensor out = VisitRealType(dtype, [&]<typename T>() -> HostTensor {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kInvalidInput, "range of bool");
    } else {
      const T start = start_t.data<T>()[0];
      const T end = end_t.data<T>()[0];
      const T step = step_t.data<T>()[0];
      PD2ONNX_CHECK(step != 0, ErrorKind::kInvalidInput, "range step is 0");
      int64_t size = 0;
      if constexpr (std::is_integral_v<T>) {
        const int64_t span = std::llabs(static_cast<int64_t>(end) - static_cast<int64_t>(start));
        const int64_t abs_step = std::llabs(static_cast<int64_t>(step));
        size = (span + abs_step - 1) / abs_step;
      } else {
        size = static_cast<int64_t>(std::ceil(std::abs((end - start) / step)));
      }
      PD2ONNX_CHECK((end - start) * step >= 0 || size == 0 || start == end,
                    ErrorKind::kInvalidInput, "range step has the wrong sign");
      std::vector<T> values(static_cast<size_t>(size));
      T v = start;
      for (auto& value : values) {
        value = v;
        v = static_cast<T>(v + step);
      }
      return HostTensor::From(dtype, {size}, values);
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

// Start and Stop cast to `dtype`; step = (stop - start) / (num - 1) in
// double; the first num/2 values are start + step·i, the rest
// stop - step·(num - 1 - i); num 1 gives [start].
void Linspace(KernelContext& ctx) {
  const DataType dtype = DtypeAttr(ctx, "dtype", 5);
  const double start = CastTo(ctx.Input("Start"), dtype).ToDouble().at(0);
  const double stop = CastTo(ctx.Input("Stop"), dtype).ToDouble().at(0);
  const int64_t num = ScalarInt(ctx.Input("Num"), "Num");
  PD2ONNX_CHECK(num > 0, ErrorKind::kInvalidInput, "linspace Num {} is not positive", num);
  std::vector<double> values(static_cast<size_t>(num));
  if (num == 1) {
    values[0] = start;
  } else {
    const double step = (stop - start) / static_cast<double>(num - 1);
    for (int64_t i = 0; i < num; ++i) {
      values[i] = i < num / 2 ? start + step * static_cast<double>(i)
                              : stop - step * static_cast<double>(num - 1 - i);
    }
  }
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, {num}, values), dtype));
}

// [num_rows, num_columns] (num_columns -1 = num_rows) with 1 on the diagonal.
void Eye(KernelContext& ctx) {
  const DataType dtype = DtypeAttr(ctx, "dtype", 5);
  const int64_t rows = ctx.Attr<int64_t>("num_rows");
  int64_t cols = ctx.Attr<int64_t>("num_columns", -1);
  if (cols < 0) cols = rows;
  std::vector<double> values(static_cast<size_t>(rows * cols), 0.0);
  for (int64_t i = 0; i < std::min(rows, cols); ++i) values[i * cols + i] = 1.0;
  ctx.SetOutput("Out", CastTo(HostTensor::From(DataType::kFloat64, {rows, cols}, values), dtype));
}

// The element count as int64 (0-D, or [1] as older programs declare it).
void Size(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("Input");
  ctx.SetOutput("Out", HostTensor::From(DataType::kInt64, ctx.ScalarShape("Out"),
                                        std::vector<int64_t>{x.numel()}));
}

// Element-wise sum of the equal-shaped X list, in X's dtype.
void Sum(KernelContext& ctx) {
  const auto inputs = ctx.InputList("X");
  PD2ONNX_CHECK(!inputs.empty(), ErrorKind::kInvalidInput, "sum has no inputs");
  HostTensor out = *inputs.front();
  VisitRealType(out.dtype, [&]<typename T>() {
    T* dst = out.data<T>();
    for (size_t k = 1; k < inputs.size(); ++k) {
      PD2ONNX_CHECK(inputs[k]->dims == out.dims && inputs[k]->dtype == out.dtype,
                    ErrorKind::kInvalidInput, "sum inputs differ in shape or dtype");
      const T* src = inputs[k]->data<T>();
      for (int64_t i = 0; i < out.numel(); ++i) dst[i] = static_cast<T>(dst[i] + src[i]);
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

void FillZerosLike(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  ctx.SetOutput("Out", HostTensor(x.dtype, x.dims));
}

void ShareData(KernelContext& ctx) { ctx.SetOutput("Out", ctx.Input("X")); }

}  // namespace pd2onnx::interp::kernels
