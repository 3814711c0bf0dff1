# `cpack -G DEB` in the build folder makes pd2onnx_<version>_<arch>.deb. Its
# Depends line is computed by dpkg-shlibdeps from the libraries the binary
# links (protobuf, onnx, spdlog, fmt, ...), so it is right for the Debian
# release it was built on.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pd2onnx)
set(CPACK_PACKAGE_VENDOR "pd2onnx developers")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Convert PaddlePaddle inference models to ONNX")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "pd2onnx developers <pd2onnx@localhost>")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION science)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_DIRECTORY ${PROJECT_BINARY_DIR}/packages)
include(CPack)
