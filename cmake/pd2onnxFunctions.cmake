# pd2onnx_add_model(<target>
#                   MODEL_DIR <dir> SAVE_FILE <file.onnx>
#                   [MODEL_FILENAME <name>] [PARAMS_FILENAME <name>]
#                   [OPSET <n>] [OPTIONS <extra pd2onnx flags>...])
#
# Adds a custom target <target> (built by `all`) that converts a Paddle model
# to SAVE_FILE (relative paths: MODEL_DIR to the current source dir,
# SAVE_FILE to the current binary dir). The command depends on the model
# files and on the pd2onnx executable, so the model is reconverted only when
# one of them changes.
function(pd2onnx_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "MODEL_DIR;MODEL_FILENAME;PARAMS_FILENAME;SAVE_FILE;OPSET"
                        "OPTIONS")
  if(NOT ARG_MODEL_DIR OR NOT ARG_SAVE_FILE)
    message(FATAL_ERROR "pd2onnx_add_model(${target}): MODEL_DIR and SAVE_FILE are required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "pd2onnx_add_model(${target}): unknown arguments ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  get_filename_component(model_dir "${ARG_MODEL_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  get_filename_component(save_file "${ARG_SAVE_FILE}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")

  set(args --model_dir "${model_dir}" --save_file "${save_file}")
  if(ARG_MODEL_FILENAME)
    list(APPEND args --model_filename "${ARG_MODEL_FILENAME}")
  endif()
  if(ARG_PARAMS_FILENAME)
    list(APPEND args --params_filename "${ARG_PARAMS_FILENAME}")
  endif()
  if(ARG_OPSET)
    list(APPEND args --opset_version "${ARG_OPSET}")
  endif()
  list(APPEND args ${ARG_OPTIONS})

  # The files the conversion reads: the named ones, or every file of the
  # model folder (a per-variable fluid model has one file per weight).
  if(ARG_MODEL_FILENAME)
    set(inputs "${model_dir}/${ARG_MODEL_FILENAME}")
    if(ARG_PARAMS_FILENAME)
      list(APPEND inputs "${model_dir}/${ARG_PARAMS_FILENAME}")
    endif()
  else()
    file(GLOB inputs CONFIGURE_DEPENDS LIST_DIRECTORIES false "${model_dir}/*")
  endif()

  add_custom_command(
    OUTPUT "${save_file}"
    COMMAND pd2onnx::cli ${args}
    DEPENDS ${inputs} $<TARGET_FILE:pd2onnx::cli>
    COMMENT "pd2onnx: converting ${model_dir} to ${save_file}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${save_file}")
endfunction()
