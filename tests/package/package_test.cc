// Installation and packaging as users meet them: `cmake --install` gives a
// package that a consumer project finds and builds against, whose
// pd2onnx_add_model() reconverts exactly when the model changes; and the
// .deb installs a working pd2onnx.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "cli_runner.h"
#include "program_builder.h"
#include "test_env.h"

namespace pd2onnx::testing {
namespace {

namespace fs = std::filesystem;

struct Shell {
  int exit_code = -1;
  std::string output;
};

Shell Sh(const std::string& command) {
  const fs::path log = ScratchDir("sh") / "log.txt";
  const int status = std::system((command + " > " + ShellQuote(log.string()) + " 2>&1").c_str());
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, text.str()};
}

int CountMatches(const std::string& text, const std::string& needle) {
  int n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

fs::path WriteTinyModel(const fs::path& dir) {
  ProgramBuilder program;
  program.Input("x", DataType::kFloat32, {-1, 2});
  program.Var("y", DataType::kFloat32, {-1, 2});
  program.Param("b", HostTensor(DataType::kFloat32, {2}));
  program.Op("elementwise_add").In("X", {"x"}).In("Y", {"b"}).Out("Out", {"y"}).Attr("axis", -1);
  program.Output("y");
  program.Write(dir);
  return dir;
}

fs::path Install() {
  const fs::path prefix = ScratchDir("prefix");
  const Shell install = Sh("cmake --install " + ShellQuote(PD2ONNX_BINARY_DIR) + " --prefix " +
                           ShellQuote(prefix.string()));
  EXPECT_EQ(install.exit_code, 0) << install.output;
  return prefix;
}

TEST(Package, ConsumerProjectFindsThePackageAndReconvertsOnlyWhenTheModelChanges) {
  const fs::path prefix = Install();
  EXPECT_TRUE(fs::exists(prefix / "bin" / "pd2onnx"));
  EXPECT_TRUE(fs::exists(prefix / "include" / "pd2onnx" / "pd2onnx.h"));
  EXPECT_TRUE(fs::exists(prefix / "share" / "man" / "man1" / "pd2onnx.1"));
  EXPECT_TRUE(fs::exists(prefix / "share" / "bash-completion" / "completions" / "pd2onnx"));

  const fs::path model = WriteTinyModel(ScratchDir("model"));
  const fs::path build = ScratchDir("build");
  const fs::path source = fs::path(PD2ONNX_SOURCE_DIR) / "tests" / "package" / "consumer";
  const Shell configure =
      Sh("cmake -S " + ShellQuote(source.string()) + " -B " + ShellQuote(build.string()) +
         " -DCMAKE_PREFIX_PATH=" + ShellQuote(prefix.string()) +
         " -DMODEL_DIR=" + ShellQuote(model.string()));
  ASSERT_EQ(configure.exit_code, 0) << configure.output;
  const std::string build_cmd = "cmake --build " + ShellQuote(build.string());
  const std::string kConverting = "pd2onnx: converting";

  const Shell first = Sh(build_cmd);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_EQ(CountMatches(first.output, kConverting), 1) << first.output;
  EXPECT_TRUE(fs::exists(build / "tiny.onnx"));

  const Shell api =
      Sh(ShellQuote((build / "convert_with_api").string()) + " " + ShellQuote(model.string()));
  EXPECT_EQ(api.exit_code, 0) << api.output;
  EXPECT_TRUE(api.output.rfind("converted 1 nodes, ", 0) == 0) << api.output;

  const Shell unchanged = Sh(build_cmd);
  EXPECT_EQ(CountMatches(unchanged.output, kConverting), 0) << unchanged.output;

  fs::last_write_time(model / "model.pdiparams",
                      fs::file_time_type::clock::now() + std::chrono::seconds(2));
  const Shell touched = Sh(build_cmd);
  EXPECT_EQ(touched.exit_code, 0) << touched.output;
  EXPECT_EQ(CountMatches(touched.output, kConverting), 1) << touched.output;
}

fs::path MakeDeb() {
  const fs::path dir = ScratchDir("deb");
  const Shell cpack = Sh("cd " + ShellQuote(dir.string()) + " && cpack -G DEB --config " +
                         ShellQuote((fs::path(PD2ONNX_BINARY_DIR) / "CPackConfig.cmake").string()) +
                         " -B " + ShellQuote(dir.string()));
  EXPECT_EQ(cpack.exit_code, 0) << cpack.output;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".deb") return entry.path();
  ADD_FAILURE() << "no .deb in " << dir << ":\n" << cpack.output;
  return {};
}

TEST(Package, DebDependsOnTheRuntimeLibrariesAndItsBinaryRuns) {
  const fs::path deb = MakeDeb();
  ASSERT_FALSE(deb.empty());
  const Shell depends = Sh("dpkg-deb -f " + ShellQuote(deb.string()) + " Depends");
  EXPECT_EQ(depends.exit_code, 0) << depends.output;
  for (const char* library : {"libprotobuf", "libonnx", "libspdlog", "libfmt", "libc6"})
    EXPECT_CONTAINS(depends.output, library);

  const fs::path root = ScratchDir("root");
  ASSERT_EQ(
      Sh("dpkg-deb -x " + ShellQuote(deb.string()) + " " + ShellQuote(root.string())).exit_code, 0);
  const fs::path binary = root / "usr" / "bin" / "pd2onnx";
  const Shell version = Sh(ShellQuote(binary.string()) + " --version");
  EXPECT_EQ(version.exit_code, 0) << version.output;
  EXPECT_CONTAINS(version.output, "pd2onnx ");
  const fs::path model = WriteTinyModel(ScratchDir("model"));
  const Shell convert =
      Sh(ShellQuote(binary.string()) + " --model_dir " + ShellQuote(model.string()) +
         " --save_file " + ShellQuote((model / "out.onnx").string()));
  EXPECT_EQ(convert.exit_code, 0) << convert.output;
  EXPECT_TRUE(fs::exists(model / "out.onnx"));
}

// Installs the .deb into the system itself: only where the caller says this
// machine may be changed (CI sets PD2ONNX_TEST_DEB_INSTALL=1).
TEST(Package, DebInstallsAWorkingPd2onnx) {
  const char* allowed = std::getenv("PD2ONNX_TEST_DEB_INSTALL");
  if (allowed == nullptr || std::string(allowed) != "1") {
    GTEST_SKIP() << "set PD2ONNX_TEST_DEB_INSTALL=1 to let this test run dpkg -i";
  }
  const fs::path deb = MakeDeb();
  ASSERT_FALSE(deb.empty());
  const Shell install = Sh("dpkg -i " + ShellQuote(deb.string()));
  ASSERT_EQ(install.exit_code, 0) << install.output;
  const Shell version = Sh("/usr/bin/pd2onnx --version && test -f /usr/share/man/man1/pd2onnx.1");
  EXPECT_EQ(version.exit_code, 0) << version.output;
  const Shell remove = Sh("dpkg -r pd2onnx");
  EXPECT_EQ(remove.exit_code, 0) << remove.output;
}

}  // namespace
}  // namespace pd2onnx::testing
