// kopa serve [--port N] [--host ADDRESS] [--scenarios DIR]: the workshop page and its JSON API
// (sim/serve/). Loads and checks every scenario first (a bad one: its messages, exit 2), prints
// the URL, serves until Ctrl-C (or SIGTERM, SIGHUP), then stops cleanly: exit 0.
#include <ostream>
#include <thread>

#include <tbb/global_control.h>

#include "cli/exit_code.hpp"
#include "cli/interrupt.hpp"
#include "cli/options.hpp"
#include "cli/resources.hpp"
#include "cli/scenario_folder.hpp"
#include "serve/server.hpp"

namespace kopa {

CommandSpec serve_spec() {
  CommandSpec spec{
      "serve",
      "kopa serve [--port 8080] [--host 127.0.0.1] [--scenarios DIR] [--threads N]",
      "Serve the workshop page: lever switches and sliders (the parameter table's workshop\n"
      "ranges, see 'kopa describe'), scenario and region presets, a region, group and start\n"
      "month per lever, and on every change the start (scenarios/workshop.toml, else baseline)\n"
      "vs the what-if: fan charts, paired differences with 95 % intervals in plain words,\n"
      "public cost and cost per extra enterprise; English and Latvian. Replicate r of both uses\n"
      "the same random numbers. Open the printed URL in a browser; the page needs no network.\n"
      "Listens on loopback (this machine only) unless --host says otherwise (0.0.0.0: every\n"
      "address, to share on a LAN). Ctrl-C stops it (exit 0). JSON API: GET /api/parameters,\n"
      "GET /api/scenarios, POST /api/whatif, POST /api/export (docs/serve.md).\n"
      "A what-if is bounded (at most 20 replicates and 2.4e7 agent-months per scenario); one\n"
      "runs at a time, a newer one from the same page supersedes it, and a bad request gets a\n"
      "400 with the message kopa validate would print.",
      {"options"},
      {}};
  spec.options.add_options()                                                     //
      ("port", po::value<int>()->default_value(8080), "TCP port (0: any free)")  //
      ("host", po::value<std::string>()->default_value("127.0.0.1"),
       "address to listen on (0.0.0.0: every address)")  //
      ("scenarios", po::value<std::string>(),
       "folder of scenario files offered as presets, its regions/ as region presets "
       "(default: the shipped scenarios/)")  //
      ("threads,t", po::value<int>()->default_value(0),
       "threads per what-if (0: every hardware thread)");
  return spec;
}

int command_serve(const CommandContext& context) {
  const CommandSpec spec = serve_spec();
  po::variables_map values;
  if (auto code = parse_command(spec, context, values)) return *code;
  const int port = values["port"].as<int>();
  if (port < 0 || port > 65535) {
    context.err << "kopa serve: --port must be from 0 to 65535, got " << port << "\n";
    return exit_bad_input;
  }
  const auto threads = resolve_threads(values["threads"].as<int>());
  if (!threads) {
    context.err << "kopa serve: " << threads.error().message << "\n";
    return exit_bad_input;
  }
  const std::filesystem::path folder =
      values.count("scenarios") ? std::filesystem::path(values["scenarios"].as<std::string>())
                                : default_scenario_dir();
  auto library = serve::ScenarioLibrary::load(folder);
  if (!library) {
    context.err << "kopa serve: " << library.error().message << "\n";
    return library.error().bad_input ? exit_bad_input : exit_failure;
  }
  const std::size_t count = library->scenarios().size();
  serve::WorkshopApi api(std::move(*library), {}, *threads);
  tbb::global_control cap(tbb::global_control::max_allowed_parallelism,
                          static_cast<std::size_t>(*threads));
  InterruptGuard interrupt;
  const serve::ServerOptions options{values["host"].as<std::string>(), port};
  Status served =
      serve::serve_workshop(api, options, interrupt.flag(), [&](const std::string& url) {
        context.out << "kopa serve: " << count << " scenarios from " << folder.string() << "; open "
                    << url << " (Ctrl-C stops)" << std::endl;
      });
  if (!served) {
    context.err << "kopa serve: " << served.error().message << "\n";
    return served.error().bad_input ? exit_bad_input : exit_failure;
  }
  context.out << "kopa serve: stopped" << std::endl;
  return exit_ok;
}

}  // namespace kopa
