// The quiz with its presenter view, for the hosts where a facilitator may
// present: the notebook (QuizWidget) and the served book (for a signed-in
// coordinator). The static book loads quiz.js alone.
import quiz from "./quiz.js";
import { present } from "./presenter.js";

export default { render: ({ model, el }) => quiz.render({ model, el, present }) };
