package hazard

import (
	"encoding/json"
	"fmt"
)

// ActorAnalysis is the actor of the events the analysis writes.
const ActorAnalysis = "analysis"

// ActionName names an action of the history in lang: found 发现, plan
// 制定整改方案 …; unknown actions stay as they are.
func ActionName(action, lang string) string {
	names := map[string]Text{
		"found": {"发现", "found"}, "plan": {"制定整改方案", "planned"}, "rectify": {"整改完成", "rectified"},
		"recheck": {"复核", "re-checked"}, "close": {"销号", "closed"}, "reopen": {"重新打开", "reopened"},
		"not_found": {"分析未再发现", "not found by analysis"}, "found_again": {"再次发现", "found again"},
		"regraded": {"等级变更", "regraded"},
	}
	return translate(names, action, lang)
}

// Actions lists the actions of the history.
func Actions() []string {
	return []string{"found", "plan", "rectify", "recheck", "close", "reopen", "not_found", "found_again", "regraded"}
}

// Localize sets the reasons of an event the analysis wrote in both
// languages from its action, run and data (the stored reason is
// English); a person's reason is theirs, in whatever language they wrote
// it, and stays as it is in both.
func (e *Event) Localize() {
	e.ReasonZH = e.Reason
	if e.Actor != ActorAnalysis || e.RunID == nil {
		return
	}
	var d struct {
		Grade     string `json:"grade"`
		FromGrade string `json:"from_grade"`
		ToGrade   string `json:"to_grade"`
	}
	if len(e.Data) > 0 {
		_ = json.Unmarshal(e.Data, &d) // data the analysis wrote; a field missing just stays empty
	}
	run := *e.RunID
	var t Text
	switch e.Action {
	case "found":
		t = Text{fmt.Sprintf("第 %d 次分析发现，风险等级%s", run, GradeName(d.Grade, LangZH)),
			fmt.Sprintf("found by analysis run %d, grade %s", run, GradeName(d.Grade, LangEN))}
	case "found_again":
		t = Text{fmt.Sprintf("第 %d 次分析再次发现", run), fmt.Sprintf("found again by analysis run %d", run)}
	case "reopen":
		t = Text{fmt.Sprintf("销号后第 %d 次分析再次发现，重新打开", run),
			fmt.Sprintf("reopened: found again by analysis run %d after it was closed", run)}
	case "regraded":
		t = Text{fmt.Sprintf("第 %d 次分析：风险等级 %s → %s", run, GradeName(d.FromGrade, LangZH), GradeName(d.ToGrade, LangZH)),
			fmt.Sprintf("grade %s → %s by analysis run %d", GradeName(d.FromGrade, LangEN), GradeName(d.ToGrade, LangEN), run)}
	case "not_found":
		t = Text{fmt.Sprintf("第 %d 次分析未发现：需现场复核", run), fmt.Sprintf("not found by analysis run %d: re-check on site", run)}
	default:
		return
	}
	e.ReasonZH, e.Reason = t.ZH, t.EN
}
