// Execute: turns questions into jobs, runs them on the supervisor, judges each outcome and hands
// results over in bank order. Shared by `run` and `check`; it writes no report itself.
#pragma once

#include <functional>
#include <vector>

#include "bank/bank.hpp"
#include "report/result.hpp"
#include "util/fs.hpp"

namespace snipcheck {

struct ExecuteOptions {
  int workers = 1;
  KeepDir keep_tmp = KeepDir::no;
  bool verbose = false;
  bool progress = false;  // a progress counter on stderr
  WorkerSettings worker_settings;  // the bank's preload and process-module lists
};

struct Execution {
  std::vector<Result> results;  // bank order
  Summary summary;
};

// `on_result` sees each result as soon as it is judged (index into `questions`).
Execution execute(const std::vector<Question>& questions, const ExecuteOptions& options,
                  const std::function<void(std::size_t, const Result&)>& on_result);

}  // namespace snipcheck
