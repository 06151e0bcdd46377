// The sandbox at the command line: `snipcheck doctor` (which protections this machine gives
// untrusted code, and why not), and the gate before a run that sandboxes: every missing
// protection is printed loudly, and the run is refused unless a weaker sandbox was accepted.
#pragma once

#include <optional>
#include <vector>

#include "bank/bank.hpp"
#include "sandbox/sandbox.hpp"
#include "util/error.hpp"

namespace snipcheck {

struct DoctorOptions {
  bool json = false;  // --json: the probe as JSON on stdout
};

// Exit 0 when every protection is active, 1 otherwise.
int doctor_command(const DoctorOptions& options);

enum class WeakerSandbox { refuse, allow };

// Nothing when no question is sandboxed. Otherwise probes this machine, prints what is missing to
// stderr, and fails (a usage error, exit 2) when something is missing and `weaker` is refuse.
Expected<std::optional<SandboxReport>> sandbox_gate(const std::vector<Question>& questions, WeakerSandbox weaker);

}  // namespace snipcheck
