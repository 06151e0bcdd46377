#include "bank/cases.hpp"

namespace snipcheck {

std::string case_run_id(const std::string& question_id, const std::string& case_name) {
  return question_id + "[" + case_name + "]";
}

std::string_view question_of_run(std::string_view run_id) {
  const std::size_t bracket = run_id.find('[');
  return bracket == std::string_view::npos ? run_id : run_id.substr(0, bracket);
}

std::vector<Question> expand_cases(const std::vector<Question>& questions) {
  std::vector<Question> runs;
  for (const Question& question : questions) {
    if (question.cases.empty() || question.expected) {
      Question own = question;
      own.cases.clear();
      own.question_id = question.id;
      runs.push_back(std::move(own));
    }
    for (const Case& one : question.cases) {
      Question run = question;
      run.cases.clear();
      run.id = case_run_id(question.id, one.name);
      run.question_id = question.id;
      run.case_name = one.name;
      run.stdin_input = one.input;
      run.expected = one.expected;
      run.expected_file = "cases/" + question.id + "/" + one.name + ".out";
      runs.push_back(std::move(run));
    }
  }
  return runs;
}

}  // namespace snipcheck
