// The rnn family.
#include "mappers/rnn/rnn.h"

namespace pd2onnx::mappers {

void RegisterRnnMappers(Registry& r) {
  RegisterLstmGru(r);
  RegisterRnnOp(r);
}

}  // namespace pd2onnx::mappers
