// quiz-settings.js: the quiz's settings panel: desired retention, new
// cards a day, learning and relearning steps, the state of the browser's
// storage, backup, and resetting the deck's progress. Opening it never
// puts the focus in a field (a phone would pop its keyboard up).
import { now } from "./clock.js";
import * as store from "./store.js";
import * as persist from "./persist.js";
import { controls as backupControls } from "./backup.js";
import { parseSteps, formatSteps } from "./learning.js";
import { plural } from "./dom.js";
import { el, button } from "./el.js";

/**
 * fillSettings builds the panel's content. opts: ids (the quiz's card
 * ids), allDecks (whether the quiz covers every deck), onSaved (after a
 * change is stored), onReset (after the deck's progress is reset),
 * onClose, siteRoot.
 */
export function fillSettings(panel, opts) {
  const st = store.settings();
  const ret = el("input", { type: "number", id: "set-retention", min: "0.70", max: "0.99", step: "0.01", value: st.retention.toFixed(2), inputmode: "decimal", "aria-describedby": "set-retention-hint" });
  const lim = el("input", { type: "number", id: "set-new", min: "0", max: "9999", step: "1", value: String(st.newPerDay), inputmode: "numeric", "aria-describedby": "set-new-hint" });
  const learn = el("input", { type: "text", id: "set-learn", value: formatSteps(st.learnSteps), autocomplete: "off", spellcheck: "false", autocapitalize: "off", "aria-describedby": "set-learn-hint" });
  const relearn = el("input", { type: "text", id: "set-relearn", value: formatSteps(st.relearnSteps), autocomplete: "off", spellcheck: "false", autocapitalize: "off", "aria-describedby": "set-relearn-hint" });
  const saved = el("p", { class: "settings-status", role: "status" });
  const save = () => {
    const ls = parseSteps(learn.value);
    const rs = parseSteps(relearn.value);
    const patch = { retention: Number(ret.value), newPerDay: Number(lim.value) };
    if (ls) patch.learnSteps = ls;
    if (rs) patch.relearnSteps = rs;
    const r = store.setSettings(patch, now());
    const cur = store.settings();
    ret.value = cur.retention.toFixed(2);
    lim.value = String(cur.newPerDay);
    if (ls) learn.value = formatSteps(cur.learnSteps);
    if (rs) relearn.value = formatSteps(cur.relearnSteps);
    const bad = !ls ? learn : !rs ? relearn : null;
    saved.dataset.ok = String(r.ok && !bad);
    if (bad) {
      bad.setAttribute("aria-invalid", "true");
      saved.textContent = "Steps not saved: write them like 1m 10m (s, m, h or d), or leave the field empty for none.";
    } else {
      learn.removeAttribute("aria-invalid");
      relearn.removeAttribute("aria-invalid");
      saved.textContent = r.ok ? "Saved: retention " + Math.round(cur.retention * 100) + "%, " + plural(cur.newPerDay, "new card") + " a day, learning steps " +
        (formatSteps(cur.learnSteps) || "none") + ", relearning steps " + (formatSteps(cur.relearnSteps) || "none") + "." : "Not saved.";
    }
    if (opts.onSaved) opts.onSaved();
  };
  for (const input of [ret, lim, learn, relearn]) input.addEventListener("change", save);

  const pstate = el("p", { class: "persist-state", "data-state": persist.current() });
  persist.onState((x) => {
    pstate.dataset.state = x;
    pstate.textContent = persist.describe(x);
  });
  persist.check();

  const ids = opts.ids;
  const resetBox = el("div", { class: "reset-box" });
  const resetBtn = button("Reset progress of " + (opts.allDecks ? "all decks" : "this deck") + "…", "reset", () => {
    const sure = button("Yes, forget " + plural(ids.filter((id) => store.getCard(id)).length, "card record"), "reset-confirm", () => {
      store.resetCards(ids);
      resetBox.replaceChildren(resetBtn, el("p", { role: "status" }, "Progress reset."));
      if (opts.onReset) opts.onReset();
    }, "button danger");
    const cancel = button("Cancel", "reset-cancel", () => resetBox.replaceChildren(resetBtn));
    resetBox.replaceChildren(el("p", {}, "Forget every review of these " + plural(ids.length, "card") + "? Stars and test scores stay. Export first to keep a copy."), el("p", { class: "quiz-end-actions" }, sure, cancel));
    sure.focus();
  }, "button");
  resetBox.append(resetBtn);

  const field = (input, label, hint) => el("div", { class: "field" },
    el("label", { for: input.id }, label), input, el("p", { class: "field-hint", id: input.id + "-hint" }, hint));
  panel.replaceChildren(
    el("h2", { class: "settings-title", tabindex: "-1" }, "Settings"),
    field(ret, "Desired retention", "The chance of remembering a card when it comes due, 0.70 to 0.99 (default 0.90). Higher means more reviews."),
    field(lim, "New cards a day", "How many new cards review mode brings in each day (default 20)."),
    field(learn, "Learning steps", "How soon a new card comes back while you learn it: Again goes to the first step, Good to the next, and after the last the card is scheduled in days (default 1m 10m; empty: none)."),
    field(relearn, "Relearning steps", "The same for a card you forgot (default 10m; empty: none)."),
    saved,
    el("h3", {}, "Your progress"),
    pstate,
    backupControls(),
    resetBox,
    el("p", {}, el("a", { href: opts.siteRoot + "stats.html" }, "Statistics")),
    button("Close settings", "close-settings", () => opts.onClose(), "button small"));
}
