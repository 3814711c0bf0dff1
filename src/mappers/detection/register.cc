// The detection family.
#include "mappers/detection/detection.h"
#include "support/error.h"

namespace pd2onnx::mappers {

void RequireFloat32Inputs(MapContext& cx, const graph::Op& op,
                          std::initializer_list<const char*> slots) {
  for (const char* slot : slots) {
    for (size_t i = 0; i < op.Inputs(slot).size(); ++i) {
      const graph::DataType dtype = cx.InputVar(op, slot, i).dtype;
      PD2ONNX_CHECK(dtype == graph::DataType::kFloat32, ErrorKind::kUnsupported,
                    "{}: {} of dtype {} is not supported (float32 only)", op.type, slot,
                    graph::DataTypeName(dtype));
    }
  }
}

void RegisterDetectionMappers(Registry& r) {
  RegisterRoiPooling(r);
  RegisterDeformableConv(r);
  RegisterGenerateProposals(r);
  RegisterFpnProposals(r);
  RegisterAnchorGenerator(r);
  RegisterBoxClip(r);
  RegisterBoxCoder(r);
  RegisterDensityPriorBox(r);
  RegisterMatrixNms(r);
  RegisterMulticlassNms(r);
  RegisterPriorBox(r);
  RegisterYoloBox(r);
}

}  // namespace pd2onnx::mappers
