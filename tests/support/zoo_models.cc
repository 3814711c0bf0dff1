#include "zoo_models.h"

#include <cctype>

namespace pd2onnx::testing {

const std::vector<ZooModel>& ReferenceZooModels() {
  static const std::vector<ZooModel> models = {
      {"ch_PP-OCRv2_det_infer", 1e-3},
      {"ch_PP-OCRv3_det_infer", 1e-3},
      {"ch_ppocr_mobile_v2.0_cls_infer", 1e-4},
      {"ch_ppocr_mobile_v2.0_cls_infer_p232", 1e-4},
      {"en_ppocr_mobile_v2.0_det_infer", 1e-3},
      {"fit_a_line_fluid", 1e-4},
      {"fluid2018_mlp_tanh", 1e-4},
      {"lite_autoscan_fill_constant_combined", 1e-4},
      {"lite_simple_conv_bn_relu", 1e-4},
      {"mnist_mlp_fluid", 1e-4},
      {"mobilenetv3_small_x0_35_multilabel", 1e-4},
      {"nafnet_doc_restore_bdpan", 1e-4},
      {"portrait_pp_humansegv1_lite_398x224", 1e-4},
      {"portrait_pp_humansegv2_lite_256x144", 1e-4},
      {"resnet32_cifar10_fluid2018", 1e-4},
      {"shufflenetv2_imagenet_fluid", 1e-4},
      {"squeezenet_gesture_fluid", 1e-4},
      {"word2vec_ngram_fluid", 1e-4},
      // graph_only programs with the zoo's stored random weights.
      {"graph_only/ch_PP-OCRv4_rec_infer", 1e-4, "inference.pdmodel", "random_weights.pdiparams"},
      {"graph_only/hrnet_keypoint_paddle26", 1e-4, "model.pdmodel", "random_weights.pdiparams", 1},
      {"graph_only/picodet_lcnet_x1_0_fgd_layout_infer", 1e-4, "model.pdmodel",
       "random_weights.pdiparams"},
  };
  return models;
}

std::string ZooTestName(const std::string& model_name) {
  std::string name = model_name;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

}  // namespace pd2onnx::testing
