// `snipcheck import MATERIAL --out DIR`: the editor's first step. Reads the material, derives a
// bank from it and writes it; runs nothing. Importing the same material again gives the same bytes.
#include <iostream>

#include "bank/bank.hpp"
#include "cli/commands.hpp"
#include "cli/importer.hpp"
#include "cli/options.hpp"
#include "cli/output.hpp"
#include "util/interrupt.hpp"

namespace snipcheck {

int import_command(const ImportOptions& options) {
  // Read the material: a format snipcheck does not know is a usage error naming the file.
  auto material = read_material(options.material);
  if (!material) return report_usage_error(material.error());

  // Derive the bank and write it. A bank is written whole: a first signal meanwhile waits for it
  // (milliseconds), then ends the command; anywhere else a signal ends it at once.
  ImportPlan plan = plan_import(*material);
  {
    GracefulStop graceful;
    if (auto written = write_bank(options.out, plan.draft); !written) return report_usage_error(written.error());
  }
  if (interrupt_requested()) {
    std::cerr << "snipcheck: interrupted; the bank in " << options.out << " was written whole\n";
    return interrupted_exit_status();
  }

  // What was written must load as a bank: a check of our own work.
  auto bank = load_bank(options.out);
  if (!bank) {
    std::cerr << "snipcheck: internal error: the imported bank does not load: " << bank.error().describe() << "\n";
    return k_exit_internal;
  }
  int not_python = 0, documented = 0, chained = 0;
  for (const BankEntry& entry : plan.draft.entries) {
    not_python += entry.language != "python" ? 1 : 0;
    documented += entry.expected ? 1 : 0;
    chained += entry.after.empty() ? 0 : 1;
  }
  std::cout << "imported " << plan.draft.entries.size() << " questions from " << options.material << " ("
            << to_string(material->format) << ") into " << options.out << ": " << documented
            << " with documented output, " << not_python << " not Python, " << chained << " chained\n";
  return k_exit_ok;
}

}  // namespace snipcheck
