// Math mappers (src/mappers/math): one Register function per mapper file,
// called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterBinaryExt(
    Registry& r);  // elementwise_{mod,floordiv,fmax,fmin,heaviside}, atan2, clip_by_norm
void RegisterCast(Registry& r);
void RegisterClip(Registry& r);
void RegisterElementwise(Registry& r);  // elementwise_{add,sub,mul,div,max,min,pow}
void RegisterPow(Registry& r);
void RegisterReduce(Registry& r);  // reduce_{mean,sum,max,min}
void RegisterScale(Registry& r);
void RegisterLerpLabelSmooth(Registry& r);  // lerp, label_smooth
void RegisterLossesExtra(Registry& r);      // log_loss, huber_loss, kldiv_loss
void RegisterLosses(Registry& r);           // sigmoid_cross_entropy_with_logits, bce_loss, nll_loss

}  // namespace pd2onnx::mappers
