// softmax, matmul / matmul_v2 / mul, dropout, lookup tables and
// pixel_shuffle (docs/paddle-formats.md 5.7, 5.10, 5.14).
#include <algorithm>
#include <cmath>
#include <cstring>

#include "interpreter/kernels/kernels.h"
#include "interpreter/kernels/spatial.h"

namespace pd2onnx::interp::kernels {
namespace {

// One operand of a batched product: its batch dims and how to address
// element (row, col) of matrix b after the optional transpose.
struct MatrixOperand {
  Dims batch;
  int64_t rows = 0, cols = 0;
  int64_t row_stride = 0, col_stride = 0;  // element strides inside one matrix
  int64_t matrix_size = 0;
};

// `dims` must be at least 2-D here; `transposed` swaps the last two axes.
MatrixOperand DescribeMatrix(const Dims& dims, bool transposed) {
  MatrixOperand m;
  const size_t rank = dims.size();
  m.batch.assign(dims.begin(), dims.end() - 2);
  const int64_t r = dims[rank - 2], c = dims[rank - 1];
  m.matrix_size = r * c;
  if (transposed) {
    m.rows = c;
    m.cols = r;
    m.row_stride = 1;
    m.col_stride = c;
  } else {
    m.rows = r;
    m.cols = c;
    m.row_stride = c;
    m.col_stride = 1;
  }
  return m;
}

// out = alpha · op(X) @ op(Y) over NumPy-broadcast batch dims, accumulating
// in double. Returns the result with dims batch + [M, N].
HostTensor BatchedMatmul(const HostTensor& x, const Dims& x_dims, bool trans_x, const HostTensor& y,
                         const Dims& y_dims, bool trans_y, double alpha) {
  const MatrixOperand a = DescribeMatrix(x_dims, trans_x);
  const MatrixOperand b = DescribeMatrix(y_dims, trans_y);
  PD2ONNX_CHECK(a.cols == b.rows, ErrorKind::kInvalidInput,
                "matrix shapes {} and {} do not multiply (inner sizes {} and {})",
                graph::ShapeToString(x_dims), graph::ShapeToString(y_dims), a.cols, b.rows);
  // Right-aligned broadcast of the batch dims, in units of whole matrices.
  const size_t batch_rank = std::max(a.batch.size(), b.batch.size());
  Dims a_batch(batch_rank, 1), b_batch(batch_rank, 1), out_batch(batch_rank);
  std::copy(a.batch.begin(), a.batch.end(), a_batch.end() - a.batch.size());
  std::copy(b.batch.begin(), b.batch.end(), b_batch.end() - b.batch.size());
  for (size_t i = 0; i < batch_rank; ++i) {
    PD2ONNX_CHECK(a_batch[i] == b_batch[i] || a_batch[i] == 1 || b_batch[i] == 1,
                  ErrorKind::kInvalidInput, "batch dims of {} and {} do not broadcast",
                  graph::ShapeToString(x_dims), graph::ShapeToString(y_dims));
    out_batch[i] = std::max(a_batch[i], b_batch[i]);
  }
  Dims a_strides = Strides(a_batch), b_strides = Strides(b_batch);
  for (size_t i = 0; i < batch_rank; ++i) {
    if (a_batch[i] == 1) a_strides[i] = 0;
    if (b_batch[i] == 1) b_strides[i] = 0;
  }

  Dims out_dims = out_batch;
  out_dims.push_back(a.rows);
  out_dims.push_back(b.cols);
  HostTensor out(DataType::kFloat32, out_dims);
  const int64_t batches = graph::NumElements(out_batch);
  const Dims out_batch_strides = Strides(out_batch);
  const float* xa = x.data<float>();
  const float* yb = y.data<float>();
  float* o = out.data<float>();
  std::vector<double> acc(b.cols);
  for (int64_t bi = 0; bi < batches; ++bi) {
    int64_t a_index = 0, b_index = 0, rest = bi;
    for (size_t d = 0; d < batch_rank; ++d) {
      const int64_t idx = rest / out_batch_strides[d];
      rest %= out_batch_strides[d];
      a_index += idx * a_strides[d];
      b_index += idx * b_strides[d];
    }
    const float* am = xa + a_index * a.matrix_size;
    const float* bm = yb + b_index * b.matrix_size;
    for (int64_t m = 0; m < a.rows; ++m) {
      std::fill(acc.begin(), acc.end(), 0.0);
      for (int64_t k = 0; k < a.cols; ++k) {
        const double av = am[m * a.row_stride + k * a.col_stride];
        const float* brow = bm + k * b.row_stride;
        for (int64_t n = 0; n < b.cols; ++n) acc[n] += av * brow[n * b.col_stride];
      }
      for (int64_t n = 0; n < b.cols; ++n) *o++ = static_cast<float>(alpha * acc[n]);
    }
  }
  return out;
}

// Shared by matmul and matmul_v2: 1-D X is [1, K] and 1-D Y is [K, 1] (with
// the inserted dim removed from the result again). `vector_transpose` says
// whether the transpose flags still apply to such a vector (matmul v1: yes,
// matmul_v2: no, as in NumPy).
void MatmulCommon(KernelContext& ctx, bool trans_x, bool trans_y, double alpha,
                  bool vector_transpose) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  RequireFloat32(x, "X");
  RequireFloat32(y, "Y");
  PD2ONNX_CHECK(!x.dims.empty() && !y.dims.empty(), ErrorKind::kInvalidInput,
                "matmul of a 0-D tensor");
  const bool x_vector = x.dims.size() == 1;
  const bool y_vector = y.dims.size() == 1;
  const Dims x_dims = x_vector ? Dims{1, x.dims[0]} : x.dims;
  const Dims y_dims = y_vector ? Dims{y.dims[0], 1} : y.dims;
  if (x_vector && !vector_transpose) trans_x = false;
  if (y_vector && !vector_transpose) trans_y = false;
  HostTensor out = BatchedMatmul(x, x_dims, trans_x, y, y_dims, trans_y, alpha);
  Dims dims = out.dims;
  if (x_vector && dims[dims.size() - 2] == 1) dims.erase(dims.end() - 2);
  if (y_vector && dims.back() == 1) dims.pop_back();
  if (dims.empty()) dims = ctx.ScalarShape("Out");
  ctx.SetOutput("Out", Reshaped(std::move(out), dims));
}

}  // namespace

void Softmax(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  const int64_t rank = static_cast<int64_t>(x.dims.size());
  HostTensor y(DataType::kFloat32, x.dims);
  if (rank == 0) {  // softmax of one value
    y.data<float>()[0] = 1.f;
    ctx.SetOutput("Out", std::move(y));
    return;
  }
  const int64_t axis = NormalizeAxis(ctx.Attr<int64_t>("axis", -1), rank);
  const int64_t outer = Product(x.dims, 0, axis);
  const int64_t extent = x.dims[axis];
  const int64_t inner = Product(x.dims, axis + 1, rank);
  std::vector<double> e(extent);
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      const float* in = x.data<float>() + o * extent * inner + i;
      float* out = y.data<float>() + o * extent * inner + i;
      // Subtracting the maximum keeps exp() finite; the result is the same.
      double max_value = in[0];
      for (int64_t k = 1; k < extent; ++k) max_value = std::max<double>(max_value, in[k * inner]);
      double sum = 0;
      for (int64_t k = 0; k < extent; ++k) sum += e[k] = std::exp(in[k * inner] - max_value);
      for (int64_t k = 0; k < extent; ++k) out[k * inner] = static_cast<float>(e[k] / sum);
    }
  }
  ctx.SetOutput("Out", std::move(y));
}

void Matmul(KernelContext& ctx) {
  MatmulCommon(ctx, ctx.Attr<bool>("transpose_X", false), ctx.Attr<bool>("transpose_Y", false),
               ctx.Attr<double>("alpha", 1.0), /*vector_transpose=*/true);
}

void MatmulV2(KernelContext& ctx) {
  MatmulCommon(ctx, ctx.Attr<bool>("trans_x", false), ctx.Attr<bool>("trans_y", false), 1.0,
               /*vector_transpose=*/false);
}

// X flattened to [prod(x[:xn]), prod(x[xn:])], Y to [prod(y[:yn]),
// prod(y[yn:])]; the product is shaped x[:xn] + y[yn:].
void Mul(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  const HostTensor& y = ctx.Input("Y");
  RequireFloat32(x, "X");
  RequireFloat32(y, "Y");
  const int64_t xn = ctx.Attr<int64_t>("x_num_col_dims", 1);
  const int64_t yn = ctx.Attr<int64_t>("y_num_col_dims", 1);
  const int64_t x_rank = static_cast<int64_t>(x.dims.size());
  const int64_t y_rank = static_cast<int64_t>(y.dims.size());
  PD2ONNX_CHECK(xn >= 1 && xn < x_rank && yn >= 1 && yn < y_rank, ErrorKind::kInvalidInput,
                "x_num_col_dims {} / y_num_col_dims {} do not fit "
                "shapes {} and {}",
                xn, yn, graph::ShapeToString(x.dims), graph::ShapeToString(y.dims));
  const Dims x2 = {Product(x.dims, 0, xn), Product(x.dims, xn, x_rank)};
  const Dims y2 = {Product(y.dims, 0, yn), Product(y.dims, yn, y_rank)};
  HostTensor out = BatchedMatmul(x, x2, false, y, y2, false, 1.0);
  Dims dims(x.dims.begin(), x.dims.begin() + xn);
  dims.insert(dims.end(), y.dims.begin() + yn, y.dims.end());
  ctx.SetOutput("Out", Reshaped(std::move(out), dims));
}

void Dropout(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  RequireFloat32(x, "X");
  const std::string mode = ctx.Attr<std::string>("dropout_implementation", "downgrade_in_infer");
  if (mode == "upscale_in_train") {
    ctx.SetOutput("Out", x);  // training already scaled by 1/(1-p)
    return;
  }
  PD2ONNX_CHECK(mode == "downgrade_in_infer", ErrorKind::kUnsupported,
                "dropout_implementation '{}'", mode);
  const double keep = 1.0 - ctx.Attr<double>("dropout_prob", 0.5);
  HostTensor out(DataType::kFloat32, x.dims);
  for (int64_t i = 0; i < x.numel(); ++i) {
    out.data<float>()[i] = static_cast<float>(x.data<float>()[i] * keep);
  }
  ctx.SetOutput("Out", std::move(out));
}

namespace {

// Rows of W gathered by `ids`; rows whose id is padding_idx are zero.
// padding_idx -1 means none; another negative value counts from the end.
HostTensor LookupRows(const KernelContext& ctx, const HostTensor& ids, Dims out_dims) {
  const HostTensor& w = ctx.Input("W");
  PD2ONNX_CHECK(w.dims.size() == 2, ErrorKind::kInvalidInput, "W must be 2-D, got {}",
                graph::ShapeToString(w.dims));
  PD2ONNX_CHECK(ids.dtype == DataType::kInt32 || ids.dtype == DataType::kInt64,
                ErrorKind::kInvalidInput, "Ids must be int32/int64, not {}",
                graph::DataTypeName(ids.dtype));
  const int64_t vocab = w.dims[0];
  int64_t padding_idx = ctx.Attr<int64_t>("padding_idx", -1);
  if (padding_idx < -1) padding_idx += vocab;
  out_dims.push_back(w.dims[1]);
  HostTensor out(w.dtype, out_dims);  // zero-filled
  const size_t row_bytes = static_cast<size_t>(w.dims[1]) * graph::ElementSize(w.dtype);
  const std::vector<int64_t> id_values = IntValues(ids);
  for (size_t i = 0; i < id_values.size(); ++i) {
    const int64_t id = id_values[i];
    if (id == padding_idx) continue;
    PD2ONNX_CHECK(id >= 0 && id < vocab, ErrorKind::kInvalidInput,
                  "id {} is out of range for a table of {} rows", id, vocab);
    std::memcpy(out.bytes.data() + i * row_bytes, w.bytes.data() + id * row_bytes, row_bytes);
  }
  return out;
}

}  // namespace

void LookupTableV2(KernelContext& ctx) {
  const HostTensor& ids = ctx.Input("Ids");
  ctx.SetOutput("Out", LookupRows(ctx, ids, ids.dims));
}

void LookupTable(KernelContext& ctx) {
  // v1 Ids end in a dimension of 1, which the row dimension replaces.
  const HostTensor& ids = ctx.Input("Ids");
  PD2ONNX_CHECK(!ids.dims.empty() && ids.dims.back() == 1, ErrorKind::kInvalidInput,
                "lookup_table Ids must end in a dimension of 1, got {}",
                graph::ShapeToString(ids.dims));
  ctx.SetOutput("Out", LookupRows(ctx, ids, Dims(ids.dims.begin(), ids.dims.end() - 1)));
}

// Depth-to-space: out[n, c, h·r + i, w·r + j] = in[n, c·r² + i·r + j, h, w]
// (NHWC: the same channel order, channels last).
void PixelShuffle(KernelContext& ctx) {
  const HostTensor& x = ctx.Input("X");
  PD2ONNX_CHECK(x.dims.size() == 4, ErrorKind::kInvalidInput, "X must be 4-D, got {}",
                graph::ShapeToString(x.dims));
  const int64_t r = ctx.Attr<int64_t>("upscale_factor", 1);
  const bool channel_last = IsChannelLast(ctx.Attr<std::string>("data_format", "NCHW"));
  const int64_t n = x.dims[0];
  const int64_t channels = channel_last ? x.dims[3] : x.dims[1];
  const int64_t h = channel_last ? x.dims[1] : x.dims[2];
  const int64_t w = channel_last ? x.dims[2] : x.dims[3];
  PD2ONNX_CHECK(r >= 1 && channels % (r * r) == 0, ErrorKind::kInvalidInput,
                "{} channels are not divisible by upscale_factor² = {}", channels, r * r);
  const int64_t c = channels / (r * r);
  HostTensor out;
  if (channel_last) {
    // [N, H, W, C, r, r] → [N, H, r, W, r, C]
    out = Permute(Reshaped(x, {n, h, w, c, r, r}), {0, 1, 4, 2, 5, 3});
    out = Reshaped(std::move(out), {n, h * r, w * r, c});
  } else {
    // [N, C, r, r, H, W] → [N, C, H, r, W, r]
    out = Permute(Reshaped(x, {n, c, r, r, h, w}), {0, 1, 4, 2, 5, 3});
    out = Reshaped(std::move(out), {n, c, h * r, w * r});
  }
  ctx.SetOutput("Out", std::move(out));
}

}  // namespace pd2onnx::interp::kernels
