#include "report/headless_chromium.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "util/base64.hpp"

extern char** environ;

namespace kopa::report {
namespace {

namespace fs = std::filesystem;

// The page's export mode (web/src/report.js) and what it writes.
constexpr std::string_view export_fragment = "#kopa-export-png";
constexpr std::string_view export_element = "id=\"kopa-png-export\"";
constexpr std::string_view png_prefix = "data:image/png;base64,";

// A folder of our own under the system's temporary folder, removed with everything in it.
class ScratchFolder {
 public:
  static Expected<ScratchFolder> create() {
    std::string pattern = (fs::temp_directory_path() / "kopa-report-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return Error{"cannot create a temporary folder for Chromium: " +
                   std::string(std::strerror(errno))};
    }
    return ScratchFolder(pattern);
  }
  ScratchFolder(ScratchFolder&& other) noexcept : path_(std::move(other.path_)) {
    other.path_.clear();
  }
  ScratchFolder& operator=(ScratchFolder&&) = delete;
  ~ScratchFolder() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  explicit ScratchFolder(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

// A file: URL for a local path, percent-encoding all but the characters URLs keep as they are.
std::string file_url(const fs::path& path) {
  std::string url = "file://";
  for (const unsigned char c : path.string()) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '/' || c == '.' || c == '_' || c == '-' || c == '~';
    if (plain) {
      url += static_cast<char>(c);
    } else {
      constexpr const char* hex = "0123456789ABCDEF";
      url += '%';
      url += hex[c >> 4];
      url += hex[c & 15];
    }
  }
  return url;
}

std::vector<std::string> chromium_arguments(const fs::path& chromium, const fs::path& scratch) {
  std::vector<std::string> args{
      chromium.string(), "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", "--user-data-dir=" + (scratch / "profile").string(),
      // Virtual time runs only while the page is idle, so the budget
      // is an upper bound that the page's rendering never waits out.
      "--virtual-time-budget=600000", "--dump-dom",
      file_url(scratch / "page.html") + std::string(export_fragment)};
  // Chromium's sandbox refuses to run as root; kopa as root (a container, CI) runs it without.
  if (::geteuid() == 0) args.insert(args.begin() + 1, "--no-sandbox");
  return args;
}

// The environment with HOME and the XDG folders moved into the scratch folder: Chromium then
// writes nothing into the user's home.
std::vector<std::string> chromium_environment(const fs::path& scratch) {
  std::vector<std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    if (text.starts_with("HOME=") || text.starts_with("XDG_CONFIG_HOME=") ||
        text.starts_with("XDG_CACHE_HOME=")) {
      continue;
    }
    env.emplace_back(text);
  }
  env.push_back("HOME=" + scratch.string());
  env.push_back("XDG_CONFIG_HOME=" + (scratch / "config").string());
  env.push_back("XDG_CACHE_HOME=" + (scratch / "cache").string());
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) out.push_back(s.data());
  out.push_back(nullptr);
  return out;
}

std::string log_tail(const fs::path& log) {
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  const std::string all = text.str();
  return all.size() > 600 ? "..." + all.substr(all.size() - 600) : all;
}

// Runs Chromium, returns what it printed (the DOM after the page's scripts ran).
Expected<std::string> run_chromium(const fs::path& chromium, const fs::path& scratch,
                                   const std::atomic<bool>* cancel, int timeout_seconds) {
  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return Error{"cannot start Chromium: pipe failed"};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  const std::string log = (scratch / "chromium.log").string();
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  std::vector<std::string> args = chromium_arguments(chromium, scratch);
  std::vector<std::string> env = chromium_environment(scratch);
  // Its own process group, so that every helper process Chromium starts can be ended with it.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, chromium.c_str(), &actions, &attributes,
                                    pointers(args).data(), pointers(env).data());
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (spawned != 0) {
    ::close(out[0]);
    return Error{"cannot start " + chromium.string() + ": " + std::strerror(spawned)};
  }
  std::string dom;
  std::string stopped;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(timeout_seconds);
  char buffer[1 << 16];
  for (;;) {
    if (cancel != nullptr && cancel->load()) {
      stopped = "interrupted";
      break;
    }
    if (std::chrono::steady_clock::now() > deadline) {
      stopped = "Chromium took longer than " + std::to_string(timeout_seconds) + " s";
      break;
    }
    pollfd ready{out[0], POLLIN, 0};
    if (::poll(&ready, 1, 200) <= 0) continue;
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    dom.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(out[0]);
  if (!stopped.empty()) ::kill(pid, SIGKILL);
  // Wait for Chromium without reaping it (its process id, and so its group's, stays ours), end
  // any helper it left behind (a crash handler outlives it), then reap it.
  siginfo_t exited{};
  ::waitid(P_PID, static_cast<id_t>(pid), &exited, WEXITED | WNOWAIT);
  ::kill(-pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!stopped.empty()) return Error{stopped};
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Error{"Chromium failed (" + chromium.string() + "): " + log_tail(log)};
  }
  return dom;
}

// The export lines "<id> data:image/png;base64,..." and "end <count>" the page wrote.
Expected<std::map<std::string, std::string>> exported_pngs(const std::string& dom) {
  const auto element = dom.find(export_element);
  if (element == std::string::npos) {
    return Error{"the page did not finish drawing its charts in Chromium"};
  }
  const auto begin = dom.find('>', element);
  const auto end = dom.find("</pre>", begin);
  std::istringstream lines(dom.substr(begin + 1, end - begin - 1));
  std::map<std::string, std::string> pngs;
  std::string line;
  bool complete = false;
  while (std::getline(lines, line)) {
    if (line.starts_with("end ")) {
      complete = true;
      break;
    }
    const auto space = line.find(' ');
    if (space == std::string::npos) continue;
    const std::string_view url = std::string_view(line).substr(space + 1);
    if (!url.starts_with(png_prefix)) continue;
    auto bytes = decode_base64(url.substr(png_prefix.size()));
    if (!bytes) return Error{"chart " + line.substr(0, space) + ": not a valid PNG data URL"};
    pngs[line.substr(0, space)] = std::move(*bytes);
  }
  if (!complete) return Error{"the page's PNG export stopped early"};
  return pngs;
}

bool is_executable(const fs::path& path) {
  return ::access(path.c_str(), X_OK) == 0 && fs::is_regular_file(path);
}

}  // namespace

Expected<fs::path> find_chromium() {
  if (const char* chosen = std::getenv("KOPA_CHROMIUM"); chosen != nullptr && *chosen != 0) {
    if (is_executable(chosen)) return fs::path(chosen);
    return Error{"KOPA_CHROMIUM is '" + std::string(chosen) + "', which is not an executable"};
  }
  const char* path = std::getenv("PATH");
  for (const char* name : {"chromium", "chromium-browser"}) {
    std::istringstream folders(path != nullptr ? path : "");
    std::string folder;
    while (std::getline(folders, folder, ':')) {
      const fs::path candidate = fs::path(folder.empty() ? "." : folder) / name;
      if (is_executable(candidate)) return candidate;
    }
  }
  return Error{
      "--png needs Chromium, and there is no 'chromium' on PATH: install Debian's "
      "package (apt-get install chromium) or set KOPA_CHROMIUM to its path"};
}

Expected<std::vector<ChartImage>> render_chart_pngs(const std::string& page_html,
                                                    const std::vector<std::string>& ids,
                                                    const std::atomic<bool>* cancel,
                                                    int timeout_seconds) {
  auto chromium = find_chromium();
  if (!chromium) return chromium.error();
  auto scratch = ScratchFolder::create();
  if (!scratch) return scratch.error();
  {
    std::ofstream page(scratch->path() / "page.html", std::ios::binary);
    page << page_html;
    if (!page.flush()) return Error{"cannot write the page for Chromium into the temporary folder"};
  }
  auto dom = run_chromium(*chromium, scratch->path(), cancel, timeout_seconds);
  if (!dom) return dom.error();
  auto pngs = exported_pngs(*dom);
  if (!pngs) return pngs.error();
  std::vector<ChartImage> images;
  for (const std::string& id : ids) {
    const auto found = pngs->find(id);
    if (found == pngs->end()) return Error{"chart '" + id + "' could not be drawn in Chromium"};
    images.push_back({id, std::move(found->second)});
  }
  return images;
}

}  // namespace kopa::report
