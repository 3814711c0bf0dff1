// Ops that change a tensor's shape or repeat its data (docs/paddle-formats.md
// 5.11): reshape, transpose, flatten, squeeze / unsqueeze, expand_v2, tile,
// shape. They work on any dtype. The data-less XShape outputs are not
// produced.
#include <algorithm>

#include "interpreter/kernels/kernels.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

enum class Precedence { kListFirst, kTensorFirst };

// A run-time list of integers from the `list_slot` tensors (one element
// each), the 1-D `tensor_slot` tensor, or the attribute. reshape2 and
// unsqueeze2 prefer the list; expand_v2 and tile prefer the tensor
// (Paddle's get_expand_shape / get_repeat_times).
std::vector<int64_t> IntListInput(const KernelContext& ctx, const char* list_slot,
                                  const char* tensor_slot, const char* attr,
                                  Precedence precedence = Precedence::kListFirst) {
  const HostTensor* tensor = ctx.OptionalInput(tensor_slot);
  if (tensor != nullptr && precedence == Precedence::kTensorFirst) return IntValues(*tensor);
  const auto list = ctx.InputList(list_slot);
  if (!list.empty()) {
    std::vector<int64_t> values;
    for (const HostTensor* t : list) values.push_back(ScalarInt(*t, list_slot));
    return values;
  }
  if (tensor != nullptr) return IntValues(*tensor);
  return ctx.Attr<std::vector<int64_t>>(attr, {});
}

// Paddle's reshape target: 0 copies the input dim at the same index, one -1
// takes the remaining element count.
Dims ResolveReshape(const Dims& in, const std::vector<int64_t>& target) {
  Dims out(target.size());
  int64_t infer_at = -1;
  int64_t known = 1;
  for (size_t i = 0; i < target.size(); ++i) {
    if (target[i] == -1) {
      PD2ONNX_CHECK(infer_at < 0, ErrorKind::kInvalidInput, "shape {} has more than one -1",
                    graph::ShapeToString(target));
      infer_at = static_cast<int64_t>(i);
      continue;
    }
    if (target[i] == 0) {
      PD2ONNX_CHECK(i < in.size(), ErrorKind::kInvalidInput,
                    "shape {} copies dim {} (0) but the input {} has rank {}",
                    graph::ShapeToString(target), i, graph::ShapeToString(in), in.size());
      out[i] = in[i];
    } else {
      PD2ONNX_CHECK(target[i] > 0, ErrorKind::kInvalidInput, "shape {} has a negative entry",
                    graph::ShapeToString(target));
      out[i] = target[i];
    }
    known *= out[i];
  }
  if (infer_at >= 0) {
    const int64_t total = graph::NumElements(in);
    PD2ONNX_CHECK(known > 0 && total % known == 0, ErrorKind::kInvalidInput,
                  "cannot infer the -1 of shape {} for {} elements", graph::ShapeToString(target),
                  total);
    out[infer_at] = total / known;
  }
  return out;
}

}  // namespace

void Reshape(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const std::vector<int64_t> target = IntListInput(ctx, "ShapeTensor", "Shape", "shape");
  ctx.SetOutput("Out", Reshaped(x, ResolveReshape(x.dims, target)));
}

void Transpose(KernelContext& ctx) {
  ctx.SetOutput("Out", Permute(ctx.Input("X"), ctx.Attr<std::vector<int64_t>>("axis")));
}

// [prod(d[:axis]), prod(d[axis:])]
void Flatten2(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis = ctx.Attr<int64_t>("axis", 1);
  PD2ONNX_CHECK(axis >= 0 && axis <= rank, ErrorKind::kInvalidInput,
                "axis {} is out of range for rank {}", axis, rank);
  ctx.SetOutput("Out", Reshaped(x, {Product(x.dims, 0, axis), Product(x.dims, axis, rank)}));
}

// Merges dims start_axis..stop_axis (inclusive) into one.
void FlattenContiguousRange(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  if (rank == 0) {
    ctx.SetOutput("Out", Reshaped(x, {1}));
    return;
  }
  const int64_t start = NormalizeAxis(ctx.Attr<int64_t>("start_axis", 1), rank, "start_axis");
  const int64_t stop = NormalizeAxis(ctx.Attr<int64_t>("stop_axis", 1), rank, "stop_axis");
  PD2ONNX_CHECK(start <= stop, ErrorKind::kInvalidInput, "start_axis {} is after stop_axis {}",
                start, stop);
  Dims dims(x.dims.begin(), x.dims.begin() + start);
  dims.push_back(Product(x.dims, start, stop + 1));
  dims.insert(dims.end(), x.dims.begin() + stop + 1, x.dims.end());
  ctx.SetOutput("Out", Reshaped(x, dims));
}

// Removes the listed size-1 dims (every size-1 dim when `axes` is empty);
// listed dims of another size stay.
void Squeeze2(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  std::vector<bool> drop(rank, false);
  const auto axes = ctx.Attr<std::vector<int64_t>>("axes", {});
  if (axes.empty()) {
    for (int64_t d = 0; d < rank; ++d) drop[d] = x.dims[d] == 1;
  } else {
    for (int64_t a : axes) {
      if (rank == 0) break;  // squeezing a 0-D tensor is a no-op
      const int64_t d = NormalizeAxis(a, rank, "axes entry");
      drop[d] = x.dims[d] == 1;
    }
  }
  Dims dims;
  for (int64_t d = 0; d < rank; ++d) {
    if (!drop[d]) dims.push_back(x.dims[d]);
  }
  ctx.SetOutput("Out", Reshaped(x, dims));
}

// Inserts a 1 for each axis, in the listed order; a negative axis counts
// from the end of the shape as it is at that moment (axis + rank + 1).
void Unsqueeze2(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const std::vector<int64_t> axes = IntListInput(ctx, "AxesTensorList", "AxesTensor", "axes");
  Dims dims = x.dims;
  for (int64_t a : axes) {
    const int64_t rank = static_cast<int64_t>(dims.size());
    const int64_t at = a < 0 ? a + rank + 1 : a;
    PD2ONNX_CHECK(at >= 0 && at <= rank, ErrorKind::kInvalidInput,
                  "unsqueeze axis {} is out of range for rank {}", a, rank);
    dims.insert(dims.begin() + at, 1);
  }
  ctx.SetOutput("Out", Reshaped(x, dims));
}

// Broadcasts X to the target shape: X is right-aligned, -1 keeps X's dim,
// and X's size-1 dims repeat.
void ExpandV2(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const std::vector<int64_t> target = IntListInput(ctx, "expand_shapes_tensor", "Shape", "shape", Precedence::kTensorFirst);
  const size_t rank = target.size();
  PD2ONNX_CHECK(rank >= x.dims.size(), ErrorKind::kInvalidInput,
                "expand target {} has fewer dims than X {}", graph::ShapeToString(target),
                graph::ShapeToString(x.dims));
  const size_t lead = rank - x.dims.size();
  const Dims x_strides = Strides(x.dims);
  Dims out_dims(rank), strides(rank, 0);
  for (size_t i = 0; i < rank; ++i) {
    if (i < lead) {
      PD2ONNX_CHECK(target[i] > 0, ErrorKind::kInvalidInput,
                    "expand target {} has {} at new dim {}", graph::ShapeToString(target),
                    target[i], i);
      out_dims[i] = target[i];
      continue;
    }
    const int64_t in = x.dims[i - lead];
    const int64_t want = target[i] == -1 ? in : target[i];
    PD2ONNX_CHECK(in == want || in == 1, ErrorKind::kInvalidInput, "cannot expand X {} to {}",
                  graph::ShapeToString(x.dims), graph::ShapeToString(target));
    out_dims[i] = want;
    strides[i] = in == 1 ? 0 : x_strides[i - lead];
  }
  ctx.SetOutput("Out", StridedCopy(x, out_dims, strides));
}

// Output dim i = X dim i · repeat i, with the shorter of X's shape and the
// repeat list padded with leading 1s.
void Tile(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  std::vector<int64_t> repeats =
      IntListInput(ctx, "repeat_times_tensor", "RepeatTimes", "repeat_times",
                   Precedence::kTensorFirst);
  Dims in = x.dims;
  while (repeats.size() < in.size()) repeats.insert(repeats.begin(), 1);
  while (in.size() < repeats.size()) in.insert(in.begin(), 1);
  // View the data as [r0, d0, r1, d1, ...] with stride 0 on the repeats.
  const Dims in_strides = Strides(in);
  Dims view_dims, view_strides, out_dims;
  for (size_t i = 0; i < in.size(); ++i) {
    PD2ONNX_CHECK(repeats[i] >= 0, ErrorKind::kInvalidInput, "repeat_times has {}", repeats[i]);
    view_dims.insert(view_dims.end(), {repeats[i], in[i]});
    view_strides.insert(view_strides.end(), {0, in_strides[i]});
    out_dims.push_back(repeats[i] * in[i]);
  }
  ctx.SetOutput("Out", Reshaped(StridedCopy(x, view_dims, view_strides), out_dims));
}

// The input's dims as int32 [rank].
void Shape(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("Input");
  std::vector<int32_t> dims(x.dims.begin(), x.dims.end());
  ctx.SetOutput("Out",
                HostTensor::From(DataType::kInt32, {static_cast<int64_t>(dims.size())}, dims));
}

}  // namespace pd2onnx::interp::kernels
