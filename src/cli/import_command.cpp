// `snipcheck import MATERIAL --out DIR`: the editor's first step. Reads the material, derives a
// bank from it and writes it; runs nothing. Importing the same material again gives the same bytes.
#include <iostream>

#include "bank/bank.hpp"
#include "cli/commands.hpp"
#include "audit/importer.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "util/interrupt.hpp"

namespace snipcheck {

namespace {

// Whether `file` (as load_bank() names it) is one write_bank() wrote into `out` for `draft`, or
// the bank folder itself.
bool wrote(const std::string& out, const BankDraft& draft, const std::string& file) {
  const std::filesystem::path root = out;
  const std::filesystem::path named = std::filesystem::path(file).lexically_normal();
  auto is = [&](const std::filesystem::path& path) { return path.lexically_normal() == named; };
  if (is(root) || is(root / "") || is(root / "snipcheck.toml")) return true;
  for (const BankEntry& entry : draft.entries) {
    if (is(root / "snippets" / (entry.id + ".py"))) return true;
    if (entry.expected && is(root / "expected" / (entry.id + ".out"))) return true;
  }
  return false;
}

}  // namespace

int import_command(const ImportOptions& options) {
  // Read the material: a format snipcheck does not know is a usage error naming the file.
  auto material = read_material(options.material);
  if (!material) return report_usage_error(material.error());

  // Derive the bank and write it. A bank is written whole: a first signal meanwhile waits for it
  // (milliseconds), then ends the command; anywhere else a signal ends it at once.
  ImportPlan plan = plan_import(*material, options.no_sessions ? Sessions::alone : Sessions::follow);
  {
    GracefulStop graceful;
    if (auto written = write_bank(options.out, plan.draft); !written) return report_usage_error(written.error());
  }
  if (interrupt_requested()) {
    std::cerr << "snipcheck: interrupted; the bank in " << options.out << " was written whole\n";
    return interrupted_exit_status();
  }

  // What was written must load as a bank: a check of our own work. A file import did not write
  // (one the user put in the bank folder) that stops it loading is the user's to fix.
  auto bank = load_bank(options.out);
  if (!bank) {
    if (!wrote(options.out, plan.draft, bank.error().file)) {
      return report_usage_error(Error{bank.error().file, bank.error().line,
                                      bank.error().message + " (not a file import writes: the bank in " + options.out +
                                          " was written, but does not load until it is moved out or fixed)"});
    }
    std::cerr << "snipcheck: internal error: the imported bank does not load: " << bank.error().describe() << "\n";
    return k_exit_internal;
  }
  int not_python = 0, documented = 0, chained = 0, continuing = 0;
  for (const BankEntry& entry : plan.draft.entries) {
    not_python += entry.language != "python" ? 1 : 0;
    documented += entry.expected ? 1 : 0;
    chained += entry.after.empty() ? 0 : 1;
    continuing += entry.continues.empty() ? 0 : 1;
  }
  std::cout << "imported " << plan.draft.entries.size() << " questions from " << options.material << " ("
            << to_string(material->format) << ") into " << options.out << ": " << documented
            << " with documented output, " << not_python << " not Python, " << chained << " chained, " << continuing
            << " continuing a session\n";
  return k_exit_ok;
}

}  // namespace snipcheck
