#include "cli/commands.hpp"

#include <cstdlib>
#include <functional>
#include <iostream>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "bank/settings.hpp"
#include "cli/number_flags.hpp"
#include "cli/options.hpp"
#include "cli/sandbox_gate.hpp"
#include "cli/shard.hpp"
#include "runner/worker.hpp"
#include "util/error.hpp"
#include "util/interrupt.hpp"

namespace snipcheck {

namespace {

// `snipcheck __worker [--preload a,b] [-v] [--unset-bind-now] [--sandboxed]`: started by the supervisor only,
// so not in --help.
int worker_entry(int argc, char** argv) {
  bool verbose = false;
  bool sandboxed = false;
  std::vector<std::string> preload;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-v") verbose = true;
    if (arg == "--sandboxed") sandboxed = true;
    if (arg == "--unset-bind-now") ::unsetenv("LD_BIND_NOW");  // the supervisor's, not the user's
    if (arg == "--preload" && i + 1 < argc) {
      std::string list = argv[++i];
      for (std::size_t start = 0; start < list.size();) {
        std::size_t comma = list.find(',', start);
        if (comma == std::string::npos) comma = list.size();
        if (comma > start) preload.push_back(list.substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
  return worker_main(verbose, preload, sandboxed);
}

struct Parsed {
  RunOptions run;
  CheckOptions check;
  ImportOptions import_material;
  AuditOptions audit;
  MergeOptions merge;
  DoctorOptions doctor;
};

// Numbers on the command line go through the checked parsers (util/parse.hpp): CLI11's own
// conversion takes "nan", "1e300" and "1e-9" as numbers of seconds.
CLI::Validator seconds_between(double min, double max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        return check_number_text(text, NumberKind::seconds, min, max);
      },
      "SECONDS");
}

CLI::Validator whole_number_between(std::int64_t min, std::int64_t max) {
  return CLI::Validator(
      [min, max](std::string& text) -> std::string {
        return check_number_text(text, NumberKind::whole, static_cast<double>(min), static_cast<double>(max));
      },
      "N");
}

// A report path: an empty one (`--json ''`) is refused, not taken for "no report".
CLI::Validator report_path() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        return text.empty() ? "the path is empty (give a file, or - for standard output)" : "";
      },
      "PATH");
}

void add_common(CLI::App& command, CommonOptions& options) {
  command.add_option("--timeout", options.timeout_s,
                     "Seconds each question may run, 0.001 to 86400 (overrides the bank; default 10)")
      ->check(seconds_between(k_min_timeout_s, k_max_timeout_s));
  command.add_option("--json", options.json_path, "Write the JSON report to PATH (- for stdout)")->check(report_path());
  command.add_option("--junit", options.junit_path, "Write a JUnit XML report to PATH (- for stdout)")->check(report_path());
  command.add_option("--html", options.html_path,
                     "Write a self-contained HTML report to PATH (- for stdout): summary, a filter by verdict, "
                     "code, diffs, tracebacks")
      ->check(report_path());
  command.add_option("-j,--jobs", options.jobs, "Worker processes, 1 to 256 (default: one per core)")
      ->check(whole_number_between(1, 256));
  command.add_flag("--keep-tmp", options.keep_tmp, "Keep each question's working directory");
  command.add_option("--isolation", options.isolation,
                     "Where questions run: auto, subinterpreter or process (overrides the bank)")
      ->check(CLI::IsMember({"auto", "subinterpreter", "process"}));
  command.add_flag("-v,--verbose", options.verbose, "Show details for every question and a debug log");
  command.add_flag("-q,--quiet", options.quiet, "Show only failing questions and the summary");
  command.add_flag("--sandbox", options.sandbox, "Run every question as untrusted code, sandboxed (check always does)");
  command.add_flag("--allow-weaker-sandbox", options.allow_weaker_sandbox,
                   "Sandbox with what this machine offers even when a protection is missing (see `snipcheck doctor`)");
  command.add_option("--color", options.color,
                     "Colour the report: auto (a terminal, unless NO_COLOR; FORCE_COLOR or CLICOLOR_FORCE in CI "
                     "logs), always or never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

// `run`'s own options: selection (-k, --lf, --ff), stopping early, blessing, listing.
void add_run_workflow(CLI::App& command, RunOptions& options) {
  command.add_option("-k,--filter", options.filters,
                     "Only questions matching TERM: a number (-k 7), a part of the id (-k generators), a glob "
                     "(-k '00*-gen*'), or 'not TERM'; repeatable (any of them, none of the not ones)")
      ->check(CLI::Validator(
          [](std::string& text) -> std::string { return text.empty() ? "the filter is empty" : ""; }, "TERM"));
  command.add_flag("--update{wrong}", options.update,
                   "Rewrite expected/ from what the questions printed, for the wrong ones (--update=all: also "
                   "those with no expected file); prints the diff of every file changed")
      ->check(CLI::IsMember({"wrong", "all"}))
      ->option_text("[=all]");
  command.add_flag("--dry-run", options.dry_run, "With --update: print the patch on stdout, change nothing");
  command.add_flag("-x,--fail-fast", options.fail_fast, "Start no more questions after the first failure");
  command.add_option("--maxfail", options.max_failures, "Start no more questions after N failures")
      ->check(whole_number_between(1, 1000000));
  command.add_flag("--lf,--last-failed", options.last_failed,
                   "Only the questions that failed in the last run (kept in .snipcheck_cache/ in the bank)");
  command.add_flag("--ff,--failed-first", options.failed_first, "The questions that failed last time first, then the rest");
  command.add_flag("--list", options.list, "List the questions (id, title, tier, settings not the defaults); run nothing");
  command.add_option("--durations", options.durations, "Show the N slowest questions (0: all)")
      ->check(whole_number_between(0, 1000000));
}

// `run` and `check`: CI annotations (cli/annotate.hpp).
void add_annotate(CLI::App& command, CommonOptions& options) {
  command.add_option("--annotate", options.annotate,
                     "CI annotations for failures: github (the default when GITHUB_ACTIONS=true) or none")
      ->check(CLI::IsMember({"github", "none"}));
}

// --shard K/N, checked as it is parsed (cli/shard.hpp).
CLI::Validator shard_spec() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        auto spec = parse_shard(text);
        return spec ? "" : spec.error().message;
      },
      "K/N");
}

struct Command {
  const char* name;
  const char* help;
  std::function<void(CLI::App&, Parsed&)> setup;
  std::function<int(const Parsed&)> handler;
};

const std::vector<Command>& command_table() {
  static const std::vector<Command> table = {
      {"run", "Run every question of a bank and compare its stdout with the expected output",
       [](CLI::App& app, Parsed& parsed) {
         app.add_option("BANK", parsed.run.bank,
                        "The bank, a folder inside it, or one question's snippets/NNN-slug.py (default: the "
                        "current directory)");
         add_run_workflow(app, parsed.run);
         app.add_option("--shard", parsed.run.shard,
                        "Run part K of N of the bank (stable, by id; balanced by --durations-file when given)")
             ->check(shard_spec());
         app.add_option("--durations-file", parsed.run.durations_file,
                        "A JSON report of an earlier run: --shard balances the parts by its durations");
         add_common(app, parsed.run.common);
         add_annotate(app, parsed.run.common);
       },
       [](const Parsed& parsed) { return run_command(parsed.run); }},
      {"check", "Run one candidate's code and compare its stdout with a question's expected output",
       [](CLI::App& app, Parsed& parsed) {
         auto* question = app.add_option("--question", parsed.check.question, "Question id (or its number) in --bank");
         app.add_option("--bank", parsed.check.bank, "Bank holding --question (default: the current directory)");
         auto* expected = app.add_option("--expected", parsed.check.expected_file, "File holding the expected stdout");
         question->excludes(expected);
         app.add_option("--compare", parsed.check.compare, "Compare mode: exact, normalize, ellipsis or claims")
             ->check(CLI::IsMember({"exact", "normalize", "ellipsis", "claims"}));
         app.add_option("CODE", parsed.check.code, "The code to run: a file, or - for standard input (default)");
         add_common(app, parsed.check.common);
         add_annotate(app, parsed.check.common);
       },
       [](const Parsed& parsed) { return check_command(parsed.check); }},
      {"import", "Write a bank from material (an article or Markdown): code, documented output, settings",
       [](CLI::App& app, Parsed& parsed) {
         app.add_option("MATERIAL", parsed.import_material.material, "The material file")->required();
         app.add_option("--out", parsed.import_material.out, "The bank directory to write")->required();
         app.add_flag("--no-sessions", parsed.import_material.no_sessions,
                      "Keep every block alone: no block continues the session of the blocks before it under its heading");
       },
       [](const Parsed& parsed) { return import_command(parsed.import_material); }},
      {"audit", "Check every claim a piece of material makes about what its examples print",
       [](CLI::App& app, Parsed& parsed) {
         app.add_option("MATERIAL", parsed.audit.material, "The material file")->required();
         app.add_option("--markdown", parsed.audit.markdown_path, "Write a Markdown report to PATH (- for stdout)")->check(report_path());
         app.add_option("--fix", parsed.audit.fix_path, "Write a unified diff correcting the wrong claims to PATH (- for stdout)")->check(report_path());
         app.add_flag("--no-sessions", parsed.audit.no_sessions,
                      "Run every block alone: no block continues the session of the blocks before it under its heading");
         add_common(app, parsed.audit.common);
       },
       [](const Parsed& parsed) { return audit_command(parsed.audit); }},
      {"merge", "Merge the JSON reports of a run's shards (run --shard K/N --json) into the whole run's reports",
       [](CLI::App& app, Parsed& parsed) {
         app.add_option("REPORT", parsed.merge.reports, "The shards' JSON reports, every one of 1/N to N/N")->required();
         app.add_option("--json", parsed.merge.json_path, "Write the merged JSON report to PATH (- for stdout)")->check(report_path());
         app.add_option("--junit", parsed.merge.junit_path, "Write the merged JUnit XML report to PATH (- for stdout)")->check(report_path());
       },
       [](const Parsed& parsed) { return merge_command(parsed.merge); }},
      {"doctor", "Show which sandbox protections for untrusted code work on this machine, and why not",
       [](CLI::App& app, Parsed& parsed) { app.add_flag("--json", parsed.doctor.json, "Print the probe as JSON"); },
       [](const Parsed& parsed) { return doctor_command(parsed.doctor); }},
  };
  return table;
}

}  // namespace

int run_cli(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "__worker") return worker_entry(argc, argv);
  CLI::App app{"snipcheck: checks that Python examples print what their material says"};
  app.set_version_flag("-V,--version", "snipcheck 0.1.0");
  app.require_subcommand(1);
  Parsed parsed;
  std::vector<std::pair<CLI::App*, const Command*>> commands;
  for (const Command& command : command_table()) {
    CLI::App* sub = app.add_subcommand(command.name, command.help);
    command.setup(*sub, parsed);
    commands.emplace_back(sub, &command);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    std::cerr << "snipcheck: " << error.what() << "\n(see snipcheck --help)\n";
    return k_exit_usage;
  }
  // SIGINT, SIGTERM and SIGHUP from here on: a run stops and reports what finished, anything
  // else ends at once, removing what it made (util/interrupt.hpp).
  install_interrupt_handling();
  struct Settle {
    ~Settle() { settle_interrupts(); }
  } settle;
  for (const auto& [sub, command] : commands) {
    if (sub->parsed()) return command->handler(parsed);
  }
  return k_exit_usage;
}

}  // namespace snipcheck
