#include "runner/job.hpp"

#include <sys/resource.h>

#include <csignal>

#include <nlohmann/json.hpp>

namespace snipcheck {

namespace {

void set_limit(int resource, rlim_t value) {
  rlimit limit{};
  ::getrlimit(static_cast<__rlimit_resource>(resource), &limit);
  limit.rlim_cur = (limit.rlim_max == RLIM_INFINITY || value < limit.rlim_max) ? value : limit.rlim_max;
  ::setrlimit(static_cast<__rlimit_resource>(resource), &limit);
}

volatile std::sig_atomic_t g_file_size_hit = 0;

}  // namespace

void on_file_size_signal(int) { g_file_size_hit = 1; }

bool file_size_limit_hit() { return g_file_size_hit != 0; }

void apply_job_limits(const Job& job) {
  g_file_size_hit = 0;
  set_limit(RLIMIT_FSIZE, job.file_size_limit);
#ifndef SNIPCHECK_SANITIZED
  set_limit(RLIMIT_AS, job.memory_limit);
#endif
}

void to_json(nlohmann::json& out, const Job& job) {
  out = {{"id", job.id},
         {"path", job.path},
         {"code", job.code},
         {"cwd", job.cwd},
         {"before", job.before},
         {"timeout_ms", job.timeout_ms},
         {"look_ms", job.look_ms},
         {"output_limit", job.output_limit},
         {"memory_limit", job.memory_limit},
         {"file_size_limit", job.file_size_limit},
         {"isolation", job.isolation},
         {"mode", job.mode},
         {"process_modules", job.process_modules},
         {"sandbox", job.sandbox},
         {"sandbox_allow_weaker", job.sandbox_allow_weaker},
         {"sandbox_exec", job.sandbox_exec},
         {"cpu_limit_s", job.cpu_limit_s},
         {"process_limit", job.process_limit},
         {"open_files_limit", job.open_files_limit},
         {"sandbox_env", job.sandbox_env},
         {"capture_nonce", job.capture_nonce},
         {"probes", job.probes}};
  if (job.stdin_text) out["stdin"] = *job.stdin_text;
}

void from_json(const nlohmann::json& in, Job& job) {
  in.at("id").get_to(job.id);
  in.at("path").get_to(job.path);
  in.at("code").get_to(job.code);
  in.at("cwd").get_to(job.cwd);
  job.before = in.value("before", std::vector<JobPart>{});
  in.at("timeout_ms").get_to(job.timeout_ms);
  job.look_ms = in.value("look_ms", std::int64_t{0});
  in.at("output_limit").get_to(job.output_limit);
  in.at("memory_limit").get_to(job.memory_limit);
  in.at("file_size_limit").get_to(job.file_size_limit);
  job.isolation = in.value("isolation", "auto");
  job.mode = in.value("mode", "script");
  job.process_modules = in.value("process_modules", std::vector<std::string>{});
  job.sandbox = in.value("sandbox", false);
  job.sandbox_allow_weaker = in.value("sandbox_allow_weaker", false);
  job.sandbox_exec = in.value("sandbox_exec", false);
  job.cpu_limit_s = in.value("cpu_limit_s", std::uint64_t{0});
  job.process_limit = in.value("process_limit", std::uint64_t{64});
  job.open_files_limit = in.value("open_files_limit", std::uint64_t{256});
  job.sandbox_env = in.value("sandbox_env", std::vector<std::string>{});
  job.capture_nonce = in.value("capture_nonce", "");
  job.probes = in.value("probes", std::vector<ProbeRequest>{});
  job.stdin_text.reset();
  if (auto found = in.find("stdin"); found != in.end() && found->is_string()) job.stdin_text = found->get<std::string>();
}

void to_json(nlohmann::json& out, const PythonError& error) {
  out = {{"type", error.type},     {"message", error.message},
         {"traceback", error.traceback}, {"line", error.line},
         {"module", error.module}, {"module_installed", error.module_installed},
         {"errno", error.errno_value}};
}

void from_json(const nlohmann::json& in, PythonError& error) {
  error.type = in.value("type", "");
  error.message = in.value("message", "");
  error.traceback = in.value("traceback", "");
  error.line = in.value("line", 0);
  error.module = in.value("module", "");
  error.module_installed = in.value("module_installed", true);
  error.errno_value = in.value("errno", 0);
}

void to_json(nlohmann::json& out, const StatementOutput& s) {
  out = {{"line", s.line},
         {"end_line", s.end_line},
         {"stdout", {s.stdout_begin, s.stdout_end}},
         {"stderr", {s.stderr_begin, s.stderr_end}}};
  if (s.error) out["error"] = *s.error;
}

void from_json(const nlohmann::json& in, StatementOutput& s) {
  in.at("line").get_to(s.line);
  in.at("end_line").get_to(s.end_line);
  s.stdout_begin = in.at("stdout").at(0).get<std::uint64_t>();
  s.stdout_end = in.at("stdout").at(1).get<std::uint64_t>();
  s.stderr_begin = in.at("stderr").at(0).get<std::uint64_t>();
  s.stderr_end = in.at("stderr").at(1).get<std::uint64_t>();
  if (in.contains("error") && in["error"].is_object()) s.error = in["error"].get<PythonError>();
}

void to_json(nlohmann::json& out, const JobPart& part) {
  out = {{"path", part.path}, {"code", part.code}, {"mode", part.mode}};
}

void from_json(const nlohmann::json& in, JobPart& part) {
  in.at("path").get_to(part.path);
  in.at("code").get_to(part.code);
  part.mode = in.value("mode", "script");
}

void to_json(nlohmann::json& out, const PartError& part) { out = {{"path", part.path}, {"error", part.error}}; }

void from_json(const nlohmann::json& in, PartError& part) {
  part.path = in.value("path", "");
  if (in.contains("error") && in["error"].is_object()) part.error = in["error"].get<PythonError>();
}

void to_json(nlohmann::json& out, const SandboxReport& report) {
  nlohmann::json protections = nlohmann::json::object();
  for (const Protection& p : report.protections) protections[p.name] = {{"active", p.active}, {"detail", p.detail}};
  out = {{"protections", protections}, {"error", report.error}};
}

void from_json(const nlohmann::json& in, SandboxReport& report) {
  report.error = in.value("error", "");
  report.protections.clear();
  if (!in.contains("protections") || !in["protections"].is_object()) return;
  for (const auto& [name, item] : in["protections"].items()) {
    report.protections.push_back({name, item.value("active", false), item.value("detail", "")});
  }
}

void to_json(nlohmann::json& out, const ProbeRequest& probe) {
  out = {{"mode", probe.mode == ProbeRequest::Mode::exec ? "exec" : "eval"}, {"source", probe.source}, {"line", probe.line}};
}

void from_json(const nlohmann::json& in, ProbeRequest& probe) {
  probe.mode = in.value("mode", "eval") == "exec" ? ProbeRequest::Mode::exec : ProbeRequest::Mode::eval;
  probe.source = in.value("source", "");
  probe.line = in.value("line", 0);
}

nlohmann::json probe_results_to_json(const std::vector<std::optional<ProbeResult>>& results) {
  nlohmann::json out = nlohmann::json::array();
  for (const std::optional<ProbeResult>& result : results) {
    if (!result) {
      out.push_back(nullptr);
      continue;
    }
    out.push_back({{"ok", result->ok}, {"str", result->str}, {"repr", result->repr}, {"error", result->error},
                   {"output", result->output}});
  }
  return out;
}

std::vector<std::optional<ProbeResult>> probe_results_from_json(const nlohmann::json& in) {
  std::vector<std::optional<ProbeResult>> results;
  if (!in.is_array()) return results;
  auto text = [](const nlohmann::json& item, const char* key) {
    auto found = item.find(key);
    return found != item.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  for (const nlohmann::json& item : in) {
    if (!item.is_object()) {
      results.emplace_back();
      continue;
    }
    ProbeResult result;
    auto ok = item.find("ok");
    result.ok = ok != item.end() && ok->is_boolean() && ok->get<bool>();
    result.str = text(item, "str");
    result.repr = text(item, "repr");
    result.error = text(item, "error");
    result.output = text(item, "output");
    results.emplace_back(std::move(result));
  }
  return results;
}

}  // namespace snipcheck
