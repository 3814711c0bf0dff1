// detection mappers (src/mappers/detection): one Register function per mapper file,
// called from register.cc.
#pragma once

#include <initializer_list>

#include "mappers/map_context.h"
#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterRoiPooling(Registry& r);         // roi_pooling.cc: roi_align, roi_pool
void RegisterDeformableConv(Registry& r);     // deformable_conv.cc: deformable_conv, _v1
void RegisterGenerateProposals(Registry& r);  // generate_proposals.cc: v1 and v2
void RegisterFpnProposals(Registry& r);       // fpn_proposals.cc: collect/distribute_fpn_proposals
// Post-processing (detpost).
void RegisterAnchorGenerator(Registry& r);  // anchor_generator.cc
void RegisterBoxClip(Registry& r);          // box_clip.cc
void RegisterBoxCoder(Registry& r);         // box_coder.cc
void RegisterDensityPriorBox(Registry& r);  // density_prior_box.cc
void RegisterMatrixNms(Registry& r);        // matrix_nms.cc
void RegisterMulticlassNms(Registry& r);    // multiclass_nms.cc: multiclass_nms, 2, 3
void RegisterPriorBox(Registry& r);         // prior_box.cc
void RegisterYoloBox(Registry& r);          // yolo_box.cc

// Fails (kUnsupported, naming the op, slot and dtype) unless every tensor of
// the given input slots is float32: Paddle also has float64 kernels, but
// these mappers emit float32 constants and ONNX ops (NonMaxSuppression)
// that take float32 only.
void RequireFloat32Inputs(MapContext& cx, const graph::Op& op,
                          std::initializer_list<const char*> slots);

}  // namespace pd2onnx::mappers
