// hardtanh: min(max(x, t_min), t_max) (brelu's newer name); min / max are
// read when t_min / t_max are absent.
#include <algorithm>

#include "interpreter/kernels/ops_gap.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {

void Hardtanh(KernelContext& ctx) {
  const double lo = ctx.HasAttr("t_min") ? ctx.Attr<double>("t_min") : ctx.Attr<double>("min", 0);
  const double hi = ctx.HasAttr("t_max") ? ctx.Attr<double>("t_max") : ctx.Attr<double>("max", 24);
  const HostTensor& x = ctx.Input("X");
  HostTensor out(x.dtype, x.dims);
  VisitRealType(x.dtype, [&]<typename T>() {
    if constexpr (std::is_same_v<T, bool>) {
      Fail(ErrorKind::kUnsupported, "hardtanh of a bool tensor");
    } else {
      const T* in = x.data<T>();
      T* o = out.data<T>();
      for (int64_t i = 0; i < x.numel(); ++i) {
        o[i] = static_cast<T>(std::min(std::max(static_cast<double>(in[i]), lo), hi));
      }
    }
  });
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace pd2onnx::interp::kernels
