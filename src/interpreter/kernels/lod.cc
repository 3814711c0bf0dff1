// lod_reset and sequence_expand on dense tensors. The interpreter, like
// ONNX, carries no LoD: a LoD tensor is one sequence of all its rows (see
// src/mappers/tensor/lod.cc).
#include <cstring>

#include "interpreter/kernels/kernels.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {

// Only the LoD changes.
void LodReset(KernelContext& ctx) { ctx.SetOutput("Out", ctx.Input("X")); }

// Paddle: Out holds X's sequence i repeated len_i times, len_i being the
// length of Y's sequence i at ref_level. One sequence in Y: len = Y's rows.
// X without LoD has one row per sequence, so it must hold one row.
void SequenceExpand(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  const graph::Var* x_var = ctx.program().FindVar(ctx.op().block_idx, ctx.op().Input("X"));
  const graph::Var* y_var = ctx.program().FindVar(ctx.op().block_idx, ctx.op().Input("Y"));
  PD2ONNX_CHECK(y_var == nullptr || y_var->lod_level <= 1, ErrorKind::kUnsupported,
                "sequence_expand: Y with {} LoD levels is not supported", y_var->lod_level);
  PD2ONNX_CHECK(!x.dims.empty() && !y.dims.empty(), ErrorKind::kInvalidInput,
                "sequence_expand: X and Y must not be 0-D");
  const bool x_has_lod = x_var != nullptr && x_var->lod_level > 0;
  PD2ONNX_CHECK(x_has_lod || x.dims[0] == 1, ErrorKind::kInvalidInput,
                "sequence_expand: X has {} rows (sequences) but Y one sequence", x.dims[0]);
  const int64_t times = y.dims[0];
  Dims out_dims = x.dims;
  out_dims[0] *= times;
  HostTensor out(x.dtype, out_dims);
  const size_t bytes = x.bytes.size();
  for (int64_t t = 0; t < times && bytes > 0; ++t) {
    std::memcpy(out.bytes.data() + static_cast<size_t>(t) * bytes, x.bytes.data(), bytes);
  }
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace pd2onnx::interp::kernels
