# pd2onnx_warnings(<target>): our warning set; errors with PD2ONNX_WERROR.
function(pd2onnx_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wnon-virtual-dtor
                                           -Wno-unused-parameter)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 reports false -Wrestrict positives inside std::string (GCC bug 105329).
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
  if(PD2ONNX_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
