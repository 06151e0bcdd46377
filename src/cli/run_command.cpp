// `snipcheck run [BANK]`: the maintainer's job. Reads like a table of contents, one stage a line.

#include <iostream>

#include <spdlog/spdlog.h>

#include "bank/bank.hpp"
#include "cli/annotate.hpp"
#include "cli/commands.hpp"
#include "cli/execute.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "cli/sandbox_gate.hpp"
#include "cli/shard.hpp"
#include "util/fs.hpp"

namespace snipcheck {

int run_command(const RunOptions& options) {
  configure_logging(options.common);

  // Refuse report paths that cannot be written, or would replace a file of the bank, before
  // spending any time.
  const std::vector<ReportPath> reports = report_paths(options.common);
  if (auto paths = check_report_paths(reports, bank_inputs(options.bank)); !paths) return report_usage_error(paths.error());
  // Where every question gets its working directory: a missing or full TMPDIR is told now.
  if (auto tmp = usable_temp_base(); !tmp) return report_usage_error(tmp.error());

  // Load and validate the whole bank; a malformed bank runs nothing.
  auto bank = load_bank(options.bank, options.filters);
  if (!bank) return report_usage_error(bank.error());
  if (bank->questions.empty()) {
    return report_usage_error(Error{options.bank, 0, options.filters.empty() ? "the bank has no questions"
                                                                             : "no question matches the filter"});
  }

  // One part of the bank when sharded across machines (`snipcheck merge` joins their reports).
  auto shard = select_shard(bank->questions, options.shard, options.durations_file);
  if (!shard) return report_usage_error(shard.error());

  // Command-line settings override the bank's.
  for (Question& question : bank->questions) {
    if (options.common.timeout_s) question.settings.timeout_s = *options.common.timeout_s;
    if (!options.common.isolation.empty()) question.settings.isolation = *isolation_from(options.common.isolation);
    if (options.common.sandbox) question.settings.sandbox = true;
  }

  // Sandboxed questions: refuse a sandbox weaker than promised, unless accepted (and then loudly).
  auto sandbox = sandbox_gate(bank->questions, options.common.allow_weaker_sandbox ? WeakerSandbox::allow
                                                                                   : WeakerSandbox::refuse);
  if (!sandbox) return report_usage_error(sandbox.error());

  // Run every question on the workers, printing each result in bank order as it arrives (a
  // signal stops the run: what finished is reported, marked interrupted).
  std::ostream& out = terminal_stream(reports);
  if (*shard && !options.common.quiet) {
    out << "shard " << (*shard)->index << "/" << (*shard)->count << ": " << bank->questions.size() << " of "
        << (*shard)->questions << ((*shard)->questions == 1 ? " question\n" : " questions\n");
  }
  TerminalReport terminal(out, bank->questions.size(), terminal_color(out), terminal_detail(options.common));
  ExecuteOptions execute_options = bank_execute_options(options.common, bank->workers, *sandbox);
  Execution execution = execute(bank->questions, execute_options,
                                [&](std::size_t index, const Result& result) { terminal.add(index, result); });
  terminal.finish(execution.summary);
  if (annotations_wanted(options.common.annotate)) {
    print_annotations(out, execution.results, [&](const Result& result) {
      return repository_path(std::filesystem::path(options.bank) / result.file);
    });
  }

  // Reports, each written whole; the exit status (128 + the signal when interrupted).
  if (auto written = write_reports(options.common, execution, "snipcheck", *shard); !written) {
    return report_usage_error(written.error());
  }
  return exit_status_of(execution.summary);
}

}  // namespace snipcheck
