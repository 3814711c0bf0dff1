// The declarative PIR → legacy op table. Each entry says how one `pd_op` op
// (its positional operands, its named attributes, its positional results)
// becomes the legacy op our mappers and the interpreter already know: the op
// type, the input/output slot of every operand and result, attribute renames,
// and legacy attributes PIR fixed (e.g. elementwise axis -1). Operand order
// follows Paddle's ops.yaml (tensors first, then mutable attributes).
#pragma once

#include <string_view>
#include <vector>

namespace pd2onnx::paddle::pir {

enum class OperandKind {
  kTensor,      // one tensor → `slot`
  kTensorList,  // a builtin.combine value (Tensor[]) → all of `slot`
  kIntArray,    // mutable IntArray: constant → attribute `attr`; else a tensor
  kScalar,      // mutable Scalar: constant → attribute `attr`; else a tensor
};

struct OperandSpec {
  std::string_view name;  // the PIR argument name, for messages
  OperandKind kind = OperandKind::kTensor;
  std::string_view slot;       // tensor slot (for mutable attributes: the 1-D tensor form)
  std::string_view attr;       // mutable attributes: the legacy attribute
  std::string_view list_slot;  // mutable IntArray given as a combine of scalars
  // When a legacy op has both, which one Paddle uses: the tensor (most ops)
  // or the list (reshape2, unsqueeze2: phi's argument mappings check the
  // list first). Only the PIR writer needs it; PIR has one operand.
  bool list_first = false;
};

struct AttrRename {
  std::string_view pir;
  std::string_view legacy;
};

// A legacy attribute PIR no longer has, with the value PIR implies.
struct FixedAttr {
  std::string_view legacy;
  double value;
};

struct OpSpec {
  std::string_view pir;     // without the "pd_op." prefix
  std::string_view legacy;  // legacy op type
  std::vector<OperandSpec> operands;
  std::vector<std::string_view> results;  // legacy output slot of each result ("" = dropped)
  std::vector<AttrRename> renames;        // attributes not listed keep their name
  std::vector<FixedAttr> fixed;
};

// Every entry, in table order.
const std::vector<OpSpec>& OpTable();
// The entry for a PIR op name ("conv2d"; inplace "relu_" falls back to
// "relu"), or nullptr.
const OpSpec* FindOp(std::string_view pir_name);
// The first entry whose legacy type is `legacy`, or nullptr.
const OpSpec* FindOpForLegacy(std::string_view legacy);
// PIR attributes that only carry debug or placement information.
bool IsIgnoredAttr(std::string_view pir_attr);

}  // namespace pd2onnx::paddle::pir
