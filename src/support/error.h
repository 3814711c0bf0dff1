// One failure type for the whole converter. A local check states the fact;
// callers add context (file, op, variable) as the error travels up, in the
// style of the ONNX checker: the message grows by prefixes, never by logging.
#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <utility>

namespace pd2onnx {

enum class ErrorKind {
  kUsage,        // bad command line or options (exit code 2)
  kInvalidInput, // the model files are missing, corrupt or inconsistent
  kUnsupported,  // valid model that we cannot express (op, attribute, opset)
  kCheckFailed,  // the ONNX model failed validation
  kIo,           // reading or writing files failed
  kInternal,     // a bug in pd2onnx
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message)
      : std::runtime_error(message), kind_(kind), message_(std::move(message)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& message() const { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }

  // Returns a copy whose message is "<context>: <message>".
  Error WithContext(const std::string& context) const {
    return Error(kind_, context + ": " + message_);
  }

 private:
  ErrorKind kind_;
  std::string message_;
};

template <typename... Args>
[[noreturn]] void Fail(ErrorKind kind, fmt::format_string<Args...> format, Args&&... args) {
  throw Error(kind, fmt::format(format, std::forward<Args>(args)...));
}

// PD2ONNX_CHECK(cond, kind, "fmt", args...): fail with kind unless cond holds.
#define PD2ONNX_CHECK(cond, kind, ...)         \
  do {                                         \
    if (!(cond)) ::pd2onnx::Fail(kind, __VA_ARGS__); \
  } while (false)

}  // namespace pd2onnx
