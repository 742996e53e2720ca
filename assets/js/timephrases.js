// timephrases.js: how the quiz's screens say a time in words: when a card
// comes due ("in 8 minutes", "tomorrow") and how long a session took.
import { DAY_MS } from "./fsrs.js";
import { describeDelay } from "./learning.js";
import { dayStart } from "./schedule.js";
import { formatDate, lazyDateFormat, plural } from "./dom.js";

// Made on first use: the first Intl.DateTimeFormat costs tens of ms at startup.
const timeFmt = lazyDateFormat({ hour: "numeric", minute: "2-digit" });

/** when says when a due time comes: "in 8 minutes", "today at 14:30", "tomorrow", "on 12 Mar". */
export function when(due, t) {
  if (due <= t) return "now";
  if (due - t < 3600000) return "in " + describeDelay(due - t);
  const day = Math.round((dayStart(due) - dayStart(t)) / DAY_MS);
  if (day === 0) return "today at " + timeFmt.format(new Date(due));
  if (day === 1) return "tomorrow";
  return "on " + formatDate(due, t);
}

/** duration says how long a session took: "under a minute", "4 minutes", "1 h 5 min". */
export function duration(ms) {
  const m = Math.round(ms / 60000);
  if (m < 1) return "under a minute";
  if (m < 60) return plural(m, "minute");
  return Math.floor(m / 60) + " h " + (m % 60) + " min";
}

/** comesBack says when the learning cards left for later (session.js later) come back. */
export function comesBack(later, t) {
  return plural(later.n, "card") + " in learning " + (later.n === 1 ? "comes" : "come") + " back " + when(later.first, t);
}
