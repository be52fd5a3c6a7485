// Prints a grader's result for every shared vector as JSON ({"error": message}
// for a refusal), so the Python suite can compare it field by field with
// grade(). The grader is grading.js, or the module named on the command line
// (the linked bundle a notebook or book page loads).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const source = process.argv[2]
  ? pathToFileURL(process.argv[2]).href
  : new URL("../../src/mentor_course/widgets/static/grading.js", import.meta.url).href;
const { grade } = await import(source);
const vectors = JSON.parse(readFileSync(new URL("../grading_vectors.json", import.meta.url), "utf8"));
const outcome = (answers) => {
  try {
    return grade(vectors.bank, answers);
  } catch (error) {
    return { error: `${error.name}: ${error.message}` };
  }
};
console.log(JSON.stringify([...vectors.cases, ...vectors.refused].map((v) => outcome(v.answers))));
