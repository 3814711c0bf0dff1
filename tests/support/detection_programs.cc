#include "detection_programs.h"

namespace pd2onnx::testing {

ProgramBuilder PpyoloMatrixNmsProgram(const std::vector<int64_t>& box_dims,
                                      const std::vector<int64_t>& score_dims) {
  ProgramBuilder q;
  q.Input("boxes", DataType::kFloat32, box_dims)
      .Input("scores", DataType::kFloat32, score_dims)
      .Var("out", DataType::kFloat32, {-1, 6})
      .Var("index", DataType::kInt32, {-1, 1});
  q.Op("matrix_nms")
      .In("BBoxes", {"boxes"})
      .In("Scores", {"scores"})
      .Out("Out", {"out"})
      .Out("Index", {"index"})
      .Attr("score_threshold", 0.01f)
      .Attr("post_threshold", 0.01f)
      .Attr("nms_top_k", -1)
      .Attr("keep_top_k", 100)
      .Attr("use_gaussian", false)
      .Attr("gaussian_sigma", 2.0f)
      .Attr("background_label", -1)
      .Attr("normalized", false);
  q.Output("out").Output("index");
  return q;
}

}  // namespace pd2onnx::testing
