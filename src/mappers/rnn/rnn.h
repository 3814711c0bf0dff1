// rnn mappers (src/mappers/rnn): one Register function per mapper file,
// called from register.cc.
#pragma once

#include "mappers/registry.h"

namespace pd2onnx::mappers {

void RegisterLstmGru(Registry& r);  // the fluid lstm and gru ops
void RegisterRnnOp(Registry& r);    // rnn (LSTM, GRU, RNN_TANH, RNN_RELU)

}  // namespace pd2onnx::mappers
