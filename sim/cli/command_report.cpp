// kopa report FILE.h5: a self-contained HTML page of charts, tables and provenance for a results
// file (kopa run) or a sweep file (kopa sweep); --png DIR also writes every chart as a PNG,
// drawn by the same renderer in headless Chromium (sim/report/).
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>

#include "cli/analyse_sweep.hpp"
#include "cli/compare_sweep.hpp"
#include "cli/exit_code.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "io/netcdf_layout.hpp"
#include "io/output_file.hpp"
#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"
#include "report/headless_chromium.hpp"
#include "report/pages.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

struct ReportRequest {
  fs::path file;
  fs::path output;
  std::optional<fs::path> png_folder;
  std::optional<std::string> baseline;
  bool force = false;
  std::string command_line;
};

}  // namespace

CommandSpec report_spec() {
  CommandSpec spec{
      "report",
      "kopa report FILE.h5 [-o REPORT.html] [--baseline NAME] [--png DIR] [--force]",
      "Draws a results file (kopa run) or a sweep file (kopa sweep) as one self-contained HTML\n"
      "page: scripts and data inline, it opens offline by double-click and fetches nothing.\n"
      "Results file: per headline metric a fan chart over months (median and 5-95 % band,\n"
      "baseline beside each scenario), the paired differences with 95 % intervals, the\n"
      "cost-effectiveness ratios and plane, the kopa compare table, breakdowns by group and\n"
      "region, and the provenance (versions, command lines, seeds, resolved scenarios).\n"
      "Sweep file: per headline metric the design points against each factor with their\n"
      "marginal trend, for a Sobol' or Morris design the kopa analyse indices with their\n"
      "intervals, the per-point summaries, and the provenance.\n"
      "Each chart has PNG and SVG buttons. --png DIR also writes every chart as DIR/<chart>.png,\n"
      "drawn by the same renderer in headless Chromium (needs Debian's chromium on PATH, or\n"
      "KOPA_CHROMIUM set to it).",
      {"options"},
      {}};
  spec.options.add_options()  //
      ("file", po::value<std::string>(), "the results or sweep file")(
          "output,o", po::value<std::string>(), "the page to write (default: FILE with .html)")(
          "baseline", po::value<std::string>(),
          "results file: scenario compared against (default: 'baseline', else the first)")(
          "png", po::value<std::string>(), "also write each chart as DIR/<chart>.png")(
          "force", "overwrite an existing page or PNG");
  spec.positional.add("file", 1);
  return spec;
}

namespace {

Expected<ReportRequest> read_report_request(const po::variables_map& values,
                                            const CommandContext& context) {
  ReportRequest request;
  if (!values.count("file")) return Error{"no results or sweep file given"};
  request.file = values["file"].as<std::string>();
  request.output = values.count("output") ? fs::path(values["output"].as<std::string>())
                                          : fs::path(request.file).replace_extension(".html");
  if (values.count("png")) request.png_folder = values["png"].as<std::string>();
  if (values.count("baseline")) request.baseline = values["baseline"].as<std::string>();
  request.force = values.count("force") > 0;
  request.command_line = command_line("report", context);
  std::error_code error;
  if (!request.force && fs::exists(request.output, error)) {
    return Error{io::layout::quoted(request.output) +
                 " already exists; use --force to overwrite it"};
  }
  return request;
}

Expected<report::Page> draw(const ReportRequest& request) {
  const report::PageOptions options{request.baseline, request.command_line};
  auto results = io::ResultsReader::open(request.file);
  if (results) return report::results_page(*results, options);
  if (!is_sweep_file(request.file)) return results.error();
  if (request.baseline) return Error{"--baseline does not apply to a sweep file"};
  auto sweep = io::SweepReader::open(request.file);
  if (!sweep) return sweep.error();
  const std::string& design = sweep->contents().header.design;
  if (design != "sobol" && design != "morris") return report::sweep_page(*sweep, options);
  // A sensitivity design: its indices as `kopa analyse` gives them, for every headline metric.
  report::Sensitivity sensitivity;
  auto analysis = analyse_sweep({request.file, {}, std::nullopt, {}, std::nullopt, std::nullopt});
  if (analysis) {
    sensitivity.report = std::move(*analysis);
  } else {
    sensitivity.error = analysis.error().message;
  }
  return report::sweep_page(*sweep, options, &sensitivity);
}

// The PNG files, checked before anything is drawn: a missing folder needs an existing parent
// (it is made once the PNGs are drawn), and existing <chart>.png files are refused without
// --force.
Status check_png_targets(const fs::path& folder, const std::vector<std::string>& ids, bool force) {
  std::error_code error;
  if (!fs::exists(folder, error)) {
    const fs::path parent = folder.parent_path().empty() ? "." : folder.parent_path();
    if (fs::is_directory(parent, error)) return ok();
    return Error{"cannot make " + io::layout::quoted(folder) + ": " + io::layout::quoted(parent) +
                 " is not a folder"};
  }
  if (!fs::is_directory(folder, error)) {
    return Error{io::layout::quoted(folder) + " is not a folder"};
  }
  for (const std::string& id : ids) {
    const fs::path target = folder / (id + ".png");
    if (!force && fs::exists(target, error)) {
      return Error{io::layout::quoted(target) + " already exists; use --force to overwrite it"};
    }
  }
  return ok();
}

int execute(const ReportRequest& request, const CommandContext& context) {
  auto page = draw(request);
  if (!page) {
    context.err << "kopa report: " << page.error().message << "\n";
    return exit_bad_input;
  }
  const std::string html = page->document();
  std::vector<report::ChartImage> images;
  if (request.png_folder) {
    if (Status targets = check_png_targets(*request.png_folder, page->chart_ids(), request.force);
        !targets) {
      context.err << "kopa report: " << targets.error().message << "\n";
      return exit_bad_input;
    }
    InterruptGuard interrupt;
    auto drawn = report::render_chart_pngs(html, page->chart_ids(), &interrupt.flag());
    if (!drawn) {
      context.err << "kopa report: " << drawn.error().message << "\n";
      return interrupt.requested() ? exit_interrupted : exit_failure;
    }
    images = std::move(*drawn);
  }
  if (Status written = io::write_output_file(request.output, request.force, html); !written) {
    context.err << "kopa report: " << written.error().message << "\n";
    return exit_failure;
  }
  std::error_code error;
  if (request.png_folder && !fs::is_directory(*request.png_folder, error) &&
      !fs::create_directory(*request.png_folder, error)) {
    context.err << "kopa report: cannot make " << io::layout::quoted(*request.png_folder) << ": "
                << error.message() << "\n";
    return exit_failure;
  }
  for (const report::ChartImage& image : images) {
    const fs::path target = *request.png_folder / (image.id + ".png");
    if (Status written = io::write_output_file(target, request.force, image.png); !written) {
      context.err << "kopa report: " << written.error().message << "\n";
      return exit_failure;
    }
  }
  context.out << request.output.string() << "\n";
  if (request.png_folder) {
    context.err << "kopa report: " << images.size() << " charts written to "
                << request.png_folder->string() << "\n";
  }
  return exit_ok;
}

}  // namespace

int command_report(const CommandContext& context) {
  const CommandSpec spec = report_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  auto request = read_report_request(values, context);
  if (!request) {
    context.err << "kopa report: " << request.error().message << "\n";
    return exit_bad_input;
  }
  return execute(*request, context);
}

}  // namespace kopa
