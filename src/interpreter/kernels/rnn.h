// Kernels of the rnn family (listed in rnn_table.cc), written from Paddle's
// semantics (phi rnn_kernel.cc, rnn_functor.h, funcs/detail/{lstm,gru}_*).
// Interpreter-internal.
#pragma once

#include "interpreter/kernel_context.h"

namespace pd2onnx::interp::kernels {

// rnn.cc: the cuDNN-style `rnn` op (LSTM, GRU, RNN_TANH, RNN_RELU).
void Rnn(KernelContext& ctx);

// rnn_legacy.cc: the fluid `lstm` and `gru` ops on one (LoD-free) sequence.
void Lstm(KernelContext& ctx);
void Gru(KernelContext& ctx);

}  // namespace pd2onnx::interp::kernels
