// kopa export FILE.h5 --format csv: a results or sweep file as one long ("tidy") table, one row
// per value (sim/io/tidy_export.hpp; docs/export.md).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/compare_sweep.hpp"
#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "io/netcdf_layout.hpp"
#include "io/output_file.hpp"
#include "io/results_reader.hpp"
#include "io/sweep_reader.hpp"
#include "io/tidy_export.hpp"

namespace kopa {
namespace {

namespace fs = std::filesystem;

struct ExportRequest {
  fs::path file;
  std::optional<fs::path> output;  // nullopt: standard output
  std::vector<std::string> metrics;
  bool force = false;
};

}  // namespace

CommandSpec export_spec() {
  CommandSpec spec{
      "export",
      "kopa export FILE.h5 [--format csv] [-o TABLE.csv] [--metric NAME]... [--force]",
      "Writes a results file (kopa run) or a sweep file (kopa sweep) as one long (\"tidy\")\n"
      "CSV table, one row per value, that pandas, R and spreadsheets read directly:\n"
      "  results file: scenario,replicate,month,metric,label,value\n"
      "  sweep file:   point,<one column per factor>,replicate,month,metric,label,value\n"
      "Finished replicates only; label is the breakdown label (group, region, funder, ...),\n"
      "empty for a total; values at full precision, NaN as an empty field. Every metric of the\n"
      "file unless --metric names some.",
      {"options"},
      {}};
  spec.options.add_options()  //
      ("file", po::value<std::string>(), "the results or sweep file")(
          "format", po::value<std::string>()->default_value("csv"), "csv (the only format)")(
          "output,o", po::value<std::string>(), "the table to write (default: standard output)")(
          "metric", po::value<std::vector<std::string>>()->composing(),
          "metric to export; repeat for several (default: all)")("force",
                                                                 "overwrite an existing table");
  spec.positional.add("file", 1);
  return spec;
}

namespace {

Expected<ExportRequest> read_export_request(const po::variables_map& values) {
  ExportRequest request;
  if (!values.count("file")) return Error{"no results or sweep file given"};
  request.file = values["file"].as<std::string>();
  const std::string format = values["format"].as<std::string>();
  if (format != "csv") return Error{"unknown format '" + format + "'; the formats are: csv"};
  if (values.count("output")) request.output = fs::path(values["output"].as<std::string>());
  if (values.count("metric")) request.metrics = values["metric"].as<std::vector<std::string>>();
  request.force = values.count("force") > 0;
  std::error_code error;
  if (request.output && !request.force && fs::exists(*request.output, error)) {
    return Error{io::layout::quoted(*request.output) +
                 " already exists; use --force to overwrite it"};
  }
  return request;
}

// The table's writer for the file, or why there is none (bad input).
using TableWriter = std::function<Status(std::ostream&)>;
Expected<TableWriter> table_writer(const ExportRequest& request) {
  auto results = io::ResultsReader::open(request.file);
  if (results) {
    if (Status known = io::check_results_metrics(*results, request.metrics); !known) {
      return known.error();
    }
    auto reader = std::make_shared<io::ResultsReader>(std::move(*results));
    return TableWriter([reader, &request](std::ostream& out) {
      return io::write_results_csv(*reader, request.metrics, out);
    });
  }
  if (!is_sweep_file(request.file)) return results.error();
  auto sweep = io::SweepReader::open(request.file);
  if (!sweep) return sweep.error();
  if (Status known = io::check_sweep_metrics(*sweep, request.metrics); !known) return known.error();
  auto reader = std::make_shared<io::SweepReader>(std::move(*sweep));
  return TableWriter([reader, &request](std::ostream& out) {
    return io::write_sweep_csv(*reader, request.metrics, out);
  });
}

}  // namespace

int command_export(const CommandContext& context) {
  const CommandSpec spec = export_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  auto request = read_export_request(values);
  auto writer = request ? table_writer(*request) : Expected<TableWriter>(request.error());
  if (!writer) {
    context.err << "kopa export: " << writer.error().message << "\n";
    return exit_bad_input;
  }
  const Status written = request->output
                             ? io::write_output_file(*request->output, request->force, *writer)
                             : (*writer)(context.out);
  if (!written) {
    context.err << "kopa export: " << written.error().message << "\n";
    return exit_failure;
  }
  return exit_ok;
}

}  // namespace kopa
