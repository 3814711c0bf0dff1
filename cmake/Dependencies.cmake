# Every dependency comes from a Debian package (see README.md).
find_package(Protobuf 3.21 REQUIRED)
find_package(ONNX REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)  # PIR JSON programs (src/paddle/pir/), fixtures
if(PD2ONNX_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_package(PNG REQUIRED)  # tests/models/pir_zoo_test.cc reads text-line crops
endif()
