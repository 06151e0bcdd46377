#include "claims/probe.hpp"

#include <nlohmann/json.hpp>

namespace snipcheck {

namespace {

constexpr const char* k_marker = "\x1esnipcheck-probes ";

const char* const k_probe_driver = R"PY(

def __snipcheck_probes(probes):
    import io, json, sys, contextlib
    namespace = globals()
    results = []
    for mode, source in probes:
        buffer = io.StringIO()
        item = {"ok": True, "str": "", "repr": "", "error": "", "output": ""}
        try:
            with contextlib.redirect_stdout(buffer):
                if mode == "exec":
                    exec(compile(source, "<snipcheck probe>", "exec"), namespace)
                else:
                    value = eval(compile(source, "<snipcheck probe>", "eval"), namespace)
                    item["str"], item["repr"] = str(value), repr(value)
        except BaseException as exc:
            item["ok"] = False
            item["error"] = type(exc).__name__ + (": " + str(exc) if str(exc) else "")
        item["output"] = buffer.getvalue()
        results.append(item)
    sys.stdout.flush()
    print("\x1esnipcheck-probes " + json.dumps(results), flush=True)
)PY";

}  // namespace

std::string code_with_probes(const std::string& code, const std::vector<ProbeRequest>& probes) {
  if (probes.empty()) return code;
  std::string out = code;
  if (!out.empty() && out.back() != '\n') out += '\n';
  out += k_probe_driver;
  out += "__snipcheck_probes([";
  for (const ProbeRequest& probe : probes) {
    out += "(\"";
    out += probe.mode == ProbeRequest::Mode::exec ? "exec" : "eval";
    out += "\", " + nlohmann::json(probe.source).dump() + "), ";
  }
  out += "])\n";
  return out;
}

std::optional<std::vector<ProbeResult>> parse_probe_results(const std::string& stdout_text) {
  std::size_t found = stdout_text.rfind(k_marker);
  if (found == std::string::npos) return std::nullopt;
  std::size_t start = found + std::char_traits<char>::length(k_marker);
  std::size_t end = stdout_text.find('\n', start);
  auto parsed = nlohmann::json::parse(stdout_text.substr(start, end == std::string::npos ? std::string::npos : end - start),
                                      nullptr, false);
  if (parsed.is_discarded() || !parsed.is_array()) return std::nullopt;
  std::vector<ProbeResult> results;
  for (const auto& item : parsed) {
    ProbeResult result;
    result.ok = item.value("ok", false);
    result.str = item.value("str", "");
    result.repr = item.value("repr", "");
    result.error = item.value("error", "");
    result.output = item.value("output", "");
    results.push_back(std::move(result));
  }
  return results;
}

std::string strip_probe_line(const std::string& stdout_text) {
  std::size_t found = stdout_text.rfind(k_marker);
  if (found == std::string::npos) return stdout_text;
  return stdout_text.substr(0, found);
}

}  // namespace snipcheck
