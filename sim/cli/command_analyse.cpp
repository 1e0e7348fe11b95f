// kopa analyse SWEEP.h5: sensitivity indices (Sobol', Morris) or scenario discovery (PRIM) of a
// sweep file. Every input problem is one line on stderr and exit 2, with nothing on stdout.
#include <ostream>
#include <string>

#include "cli/analyse_sweep.hpp"
#include "cli/exit_code.hpp"
#include "cli/options.hpp"
#include "stats/sensitivity_format.hpp"

namespace kopa {
namespace {

std::string analyse_summary() {
  std::string headline;
  for (const auto name : analysis::headline_metrics()) headline += "  " + std::string(name) + "\n";
  return "Sensitivity analysis and scenario discovery of a sweep file (kopa sweep -o). The output\n"
         "of a design point is the per-run total of kopa compare (stock at month M, flow summed\n"
         "over months 0..M, ratio of sums) averaged over the point's finished replicates; the\n"
         "share of variance that is replicate noise is reported with it.\n\n"
         "Methods (default: the sweep's design):\n"
         "  sobol   first-order S1 (Saltelli 2010) and total ST (Jansen 1999) per factor, with\n"
         "          95 % bootstrap intervals over base rows; needs design = \"sobol\"\n"
         "  morris  mu*, mu, sigma per factor, ranked, with a 95 % bootstrap interval of mu*\n"
         "          over trajectories; needs design = \"morris\"\n"
         "  prim    scenario discovery (PRIM, as EMA Workbench): the factor ranges that hold the\n"
         "          points meeting --prim conditions; any design (lhs best)\n\n"
         "Default metrics (as kopa compare):\n" +
         headline +
         "\nPoints not run (an interrupted sweep) are left out with a note: Sobol' drops whole\n"
         "base rows, Morris whole trajectories. See docs/analyse.md.";
}

}  // namespace

CommandSpec analyse_spec() {
  CommandSpec spec{"analyse",
                   "kopa analyse SWEEP.h5 [--method M] [--metric NAME]... "
                   "[--prim 'METRIC >= X']... [--format F]",
                   analyse_summary(),
                   {"options"},
                   {}};
  spec.options.add_options()                                                 //
      ("sweep", po::value<std::string>(), "the sweep file (kopa sweep -o)")  //
      ("method", po::value<std::string>(),
       "sobol, morris or prim (default: the sweep's design)")  //
      ("metric", po::value<std::vector<std::string>>()->composing(),
       "metric to analyse; repeat for several (default: the headline set above)")  //
      ("prim", po::value<std::vector<std::string>>()->composing(),
       "a case of interest, 'METRIC >= X' or 'METRIC <= X', on point means; repeat to require "
       "several at once")  //
      ("prim-box", po::value<std::size_t>(),
       "the PRIM trajectory's box to report (default: the last)")                          //
      ("month", po::value<int>(), "month M the outputs are taken at (default: the last)")  //
      ("format", po::value<std::string>(), "table (default), json or csv");
  spec.positional.add("sweep", 1);
  return spec;
}

namespace {

Expected<AnalyseRequest> read_analyse_request(const po::variables_map& values) {
  AnalyseRequest request;
  if (!values.count("sweep")) return Error{"no sweep file given"};
  request.sweep = values["sweep"].as<std::string>();
  if (values.count("method")) request.method = values["method"].as<std::string>();
  if (values.count("metric")) request.metrics = values["metric"].as<std::vector<std::string>>();
  if (values.count("prim")) request.prim = values["prim"].as<std::vector<std::string>>();
  if (values.count("prim-box")) request.prim_box = values["prim-box"].as<std::size_t>();
  if (values.count("month")) request.month = values["month"].as<int>();
  return request;
}

Expected<analysis::Format> read_format(const po::variables_map& values) {
  if (!values.count("format")) return analysis::Format::table;
  const std::string name = values["format"].as<std::string>();
  auto format = analysis::parse_format(name);
  if (!format || *format == analysis::Format::markdown) {
    return Error{"unknown format '" + name + "'; choose table, json or csv"};
  }
  return *format;
}

Expected<std::string> run_analyse(const po::variables_map& values) {
  auto format = read_format(values);
  if (!format) return format.error();
  auto request = read_analyse_request(values);
  if (!request) return request.error();
  auto report = analyse_sweep(*request);
  if (!report) return report.error();
  if (!analysis::has_result(*report)) {
    // Nothing to show but the reasons: say them and fail, as for any unusable input.
    std::string reasons;
    for (const auto& r : report->sobol)
      reasons += "\n  " + r.output.metric.name + ": " + r.undefined;
    for (const auto& r : report->morris) {
      reasons += "\n  " + r.output.metric.name + ": " + r.undefined;
    }
    if (report->prim) reasons += "\n  " + report->prim->undefined;
    return Error{"no result for any metric:" + reasons};
  }
  return analysis::format_analysis(*report, *format);
}

}  // namespace

int command_analyse(const CommandContext& context) {
  const CommandSpec spec = analyse_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  auto text = run_analyse(values);
  if (!text) {
    context.err << "kopa analyse: " << text.error().message << "\n";
    return exit_bad_input;
  }
  context.out << *text;
  return exit_ok;
}

}  // namespace kopa
