// Ops that cut, join or select tensor data (docs/paddle-formats.md 5.11):
// concat, split, slice, stack, unstack, gather, assign. Any dtype.
#include <algorithm>
#include <cstring>
#include <limits>

#include "interpreter/kernels/kernels.h"
#include "interpreter/tensor_util.h"

namespace pd2onnx::interp::kernels {
namespace {

// The axis attribute, overridden by a one-element tensor in `tensor_slot`.
int64_t AxisInput(const KernelContext& ctx, const char* tensor_slot, int64_t default_axis) {
  if (const HostTensor* t = ctx.OptionalInput(tensor_slot)) return ScalarInt(*t, tensor_slot);
  return ctx.Attr<int64_t>("axis", default_axis);
}

// A list given as a 1-D tensor (`tensor_slot`), else as one-element tensors
// (`list_slot`), else as an attribute: slice's starts / ends.
std::vector<int64_t> SliceBounds(const KernelContext& ctx, const char* tensor_slot,
                                 const char* list_slot, const char* attr) {
  if (const HostTensor* t = ctx.OptionalInput(tensor_slot)) return IntValues(*t);
  const auto list = ctx.InputList(list_slot);
  if (!list.empty()) {
    std::vector<int64_t> values;
    for (const HostTensor* t : list) values.push_back(ScalarInt(*t, list_slot));
    return values;
  }
  return ctx.Attr<std::vector<int64_t>>(attr);
}

}  // namespace

void Concat(KernelContext& ctx) {
  const auto inputs = ctx.InputList("X");
  PD2ONNX_CHECK(!inputs.empty(), ErrorKind::kInvalidInput, "concat has no inputs");
  ctx.SetOutput("Out", ConcatAlong(inputs, AxisInput(ctx, "AxisTensor", 0)));
}

// Splits X along `axis` into `num` equal parts, or into `sections` (one
// entry may be -1: the remainder). SectionsTensorList overrides `sections`.
void Split(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis = NormalizeAxis(AxisInput(ctx, "AxisTensor", 0), rank);
  const int64_t extent = x.dims[axis];
  const int64_t num = ctx.Attr<int64_t>("num", 0);
  std::vector<int64_t> sections;
  if (num > 0) {
    PD2ONNX_CHECK(extent % num == 0, ErrorKind::kInvalidInput,
                  "dim {} of size {} does not split into {} equal parts", axis, extent, num);
    sections.assign(num, extent / num);
  } else {
    const auto list = ctx.InputList("SectionsTensorList");
    if (!list.empty()) {
      for (const HostTensor* t : list) sections.push_back(ScalarInt(*t, "SectionsTensorList"));
    } else {
      sections = ctx.Attr<std::vector<int64_t>>("sections", {});
    }
    int64_t known = 0, unknown = -1;
    for (size_t i = 0; i < sections.size(); ++i) {
      if (sections[i] == -1) {
        PD2ONNX_CHECK(unknown < 0, ErrorKind::kInvalidInput, "sections {} has more than one -1",
                      graph::ShapeToString(sections));
        unknown = static_cast<int64_t>(i);
      } else {
        known += sections[i];
      }
    }
    if (unknown >= 0) sections[unknown] = extent - known;
    int64_t total = 0;
    for (int64_t s : sections) total += s;
    PD2ONNX_CHECK(total == extent && !sections.empty(), ErrorKind::kInvalidInput,
                  "sections {} do not add up to dim {} of size {}", graph::ShapeToString(sections),
                  axis, extent);
  }
  PD2ONNX_CHECK(sections.size() == ctx.OutputCount("Out"), ErrorKind::kInvalidInput,
                "split makes {} parts but the op has {} outputs", sections.size(),
                ctx.OutputCount("Out"));
  int64_t begin = 0;
  for (size_t i = 0; i < sections.size(); ++i) {
    ctx.SetOutput("Out", SliceAxis(x, axis, begin, sections[i]), i);
    begin += sections[i];
  }
}

// For each listed axis: negative bounds add the dim size, then both clamp
// to [0, dim]; an empty range gives a zero-size dim. decrease_axis dims are
// then dropped (a result with no dims left is 0-D or [1], per the output's
// VarDesc).
void Slice(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("Input");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const auto axes = ctx.Attr<std::vector<int64_t>>("axes");
  const auto starts = SliceBounds(ctx, "StartsTensor", "StartsTensorList", "starts");
  const auto ends = SliceBounds(ctx, "EndsTensor", "EndsTensorList", "ends");
  PD2ONNX_CHECK(starts.size() == axes.size() && ends.size() == axes.size(),
                ErrorKind::kInvalidInput, "slice has {} axes, {} starts and {} ends", axes.size(),
                starts.size(), ends.size());
  Dims out_dims = x.dims;
  const Dims strides = Strides(x.dims);
  int64_t offset = 0;
  for (size_t i = 0; i < axes.size(); ++i) {
    const int64_t axis = NormalizeAxis(axes[i], rank, "slice axis");
    const int64_t dim = x.dims[axis];
    int64_t start = starts[i] < 0 ? starts[i] + dim : starts[i];
    int64_t end = ends[i] < 0 ? ends[i] + dim : ends[i];
    start = std::clamp<int64_t>(start, 0, dim);
    end = std::clamp<int64_t>(end, 0, dim);
    out_dims[axis] = std::max<int64_t>(end - start, 0);
    offset += start * strides[axis];
  }
  HostTensor out = StridedCopy(x, out_dims, strides, offset);

  const auto decrease = ctx.Attr<std::vector<int64_t>>("decrease_axis", {});
  if (!decrease.empty()) {
    std::vector<bool> drop(rank, false);
    for (int64_t a : decrease) {
      const int64_t axis = NormalizeAxis(a, rank, "decrease_axis entry");
      PD2ONNX_CHECK(out_dims[axis] == 1, ErrorKind::kInvalidInput,
                    "decrease_axis {} has extent {} after slicing, not 1", axis, out_dims[axis]);
      drop[axis] = true;
    }
    Dims kept;
    for (int64_t d = 0; d < rank; ++d) {
      if (!drop[d]) kept.push_back(out_dims[d]);
    }
    if (kept.empty()) kept = ctx.ScalarShape("Out");
    out = Reshaped(std::move(out), kept);
  }
  ctx.SetOutput("Out", std::move(out));
}

// Joins equal-shaped tensors along a new axis (negative: axis + rank + 1).
void Stack(KernelContext& ctx) {
  const auto inputs = ctx.InputList("X");
  PD2ONNX_CHECK(!inputs.empty(), ErrorKind::kInvalidInput, "stack has no inputs");
  const int64_t rank = static_cast<int64_t>(inputs.front()->dims.size());
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", 0), rank + 1);
  std::vector<HostTensor> expanded;
  for (const HostTensor* t : inputs) {
    PD2ONNX_CHECK(t->dims == inputs.front()->dims, ErrorKind::kInvalidInput,
                  "stack inputs differ in shape: {} vs {}", graph::ShapeToString(t->dims),
                  graph::ShapeToString(inputs.front()->dims));
    Dims dims = t->dims;
    dims.insert(dims.begin() + axis, 1);
    expanded.push_back(Reshaped(*t, dims));
  }
  std::vector<const HostTensor*> parts;
  for (const HostTensor& t : expanded) parts.push_back(&t);
  ctx.SetOutput("Y", ConcatAlong(parts, axis));
}

// The slices of X along `axis`, each without that axis.
void Unstack(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", 0), rank);
  const int64_t count = x.dims[axis];
  PD2ONNX_CHECK(static_cast<int64_t>(ctx.OutputCount("Y")) == count, ErrorKind::kInvalidInput,
                "unstack of {} slices has {} outputs", count, ctx.OutputCount("Y"));
  Dims dims = x.dims;
  dims.erase(dims.begin() + axis);
  for (int64_t i = 0; i < count; ++i) {
    ctx.SetOutput("Y", Reshaped(SliceAxis(x, axis, i, 1), dims), static_cast<size_t>(i));
  }
}

// X indexed along `axis` by the 1-D (or 0-D, which drops the axis) Index:
// out shape = X[:axis] + Index.shape + X[axis+1:].
void Gather(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& index = ctx.Input("Index");
  PD2ONNX_CHECK(index.dtype == DataType::kInt32 || index.dtype == DataType::kInt64,
                ErrorKind::kInvalidInput, "Index must be int32/int64, not {}",
                graph::DataTypeName(index.dtype));
  // 1.x programs pass Index as [N, 1]; Paddle gathers it as [N].
  const bool column = index.dims.size() == 2 && index.dims[1] == 1;
  PD2ONNX_CHECK(index.dims.size() <= 1 || column, ErrorKind::kUnsupported,
                "Index must be 0-D, 1-D or [N, 1], got {}", graph::ShapeToString(index.dims));
  const Dims index_dims = column ? Dims{index.dims[0]} : index.dims;
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  const int64_t axis = NormalizeAxis(AxisInput(ctx, "Axis", 0), rank);
  const int64_t outer = Product(x.dims, 0, axis);
  const int64_t extent = x.dims[axis];
  const size_t inner_bytes =
      static_cast<size_t>(Product(x.dims, axis + 1, rank)) * graph::ElementSize(x.dtype);
  const std::vector<int64_t> ids = IntValues(index);

  Dims out_dims(x.dims.begin(), x.dims.begin() + axis);
  out_dims.insert(out_dims.end(), index_dims.begin(), index_dims.end());
  out_dims.insert(out_dims.end(), x.dims.begin() + axis + 1, x.dims.end());
  HostTensor out(x.dtype, out_dims);
  std::byte* dst = out.bytes.data();
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t id : ids) {
      PD2ONNX_CHECK(id >= 0 && id < extent, ErrorKind::kInvalidInput,
                    "index {} is out of range for dim {} of size {}", id, axis, extent);
      std::memcpy(dst, x.bytes.data() + (o * extent + id) * inner_bytes, inner_bytes);
      dst += inner_bytes;
    }
  }
  ctx.SetOutput("Out", std::move(out));
}

void Assign(KernelContext& ctx) { ctx.SetOutput("Out", ctx.Input("X")); }

}  // namespace pd2onnx::interp::kernels
