// quizplace.js: the quiz runs in place, on the page that holds its
// cards, at #quiz: a deck page runs its deck's quiz (its own cards and
// its subdecks'), the index the review of every deck. There are no quiz
// pages: a deck page already has every card of its deck, so opening its
// quiz fetches nothing but the quiz's scripts and stylesheet, and those
// only the first time (quizstart.js). The page script imports this
// module only when the address first is #quiz, so that a reader who only
// reads pays nothing for the quiz.
//
// The address says whether the quiz is open. "Start quiz" is a plain
// link to #quiz: it adds a history entry, so Back (or the quiz's own
// "Back to the deck") closes the quiz and shows the page as it was. The
// section is not drawn until the quiz opens, so following the link does
// not scroll. A page loaded at #quiz (a reload, a deck list's quiz link,
// the next deck after a session) opens the quiz at once. Closing keeps
// the quiz built: opened again, it starts a new review.
//
// html.at-quiz: the study screen's frame, empty (site.css), from the
// first paint of a page opened at #quiz (the page's inline script sets
// it) and whenever the quiz opens, until the quiz has drawn its own.
// body.quiz-open: the quiz is on screen.

/**
 * wireQuizPlace makes section (#quiz, in the page's <main>, main) the
 * quiz's place and opens the quiz if the address says so; entered: the
 * address has just become #quiz on this page (leaving the quiz goes
 * back). On a deck page the quiz asks the page's own cards and its
 * subdecks' (data-pages); on the index (data-deck-slug: all-decks),
 * every deck's.
 */
export function wireQuizPlace(section, main, entered) {
  if (section.dataset.wired != null) return; // wired by the page as it loaded (below)
  section.dataset.wired = "";
  const root = document.body.dataset.root || "";
  const url = pageURL(root);
  const head = main.querySelector(".deck-header");
  const progress = head && head.querySelector(".deck-progress");
  const allDecks = !head;
  const pages = (section.dataset.pages || "").split(" ").filter(Boolean);
  // read(quizcards.js) resolves to the quiz's cards.
  const read = (m) => (allDecks ? m.allDecksCards(root) : m.deckQuizCards(main, url, pages, root));
  const opts = {
    deckName: allDecks ? section.dataset.deckName : head.dataset.deckName,
    deckSlug: allDecks ? section.dataset.deckSlug : progress ? progress.dataset.deck : "",
    deckUrl: root + url,
  };
  const html = document.documentElement;
  const body = document.body;
  let started = null; // quizstart.js's quiz, once opened
  let scroll = 0; // where the page was when the quiz opened
  const title = document.title; // the page's; "Quiz: " before it while the quiz is open

  const isOpen = () => body.classList.contains("quiz-open");
  const drawn = () => html.classList.remove("at-quiz");
  const open = () => {
    if (isOpen()) return;
    performance.mark("flipdeck:quiz-start");
    scroll = window.scrollY;
    html.classList.add("at-quiz");
    body.classList.add("quiz-open");
    document.title = "Quiz: " + title;
    window.scrollTo(0, 0);
    if (!started) {
      const sheets = linkQuizSheets(root);
      started = import("./quizstart.js").then((m) => m.startQuizHere(section, read, { ...opts, active: isOpen }, sheets));
      started.then(drawn, (e) => {
        console.warn(e);
        started = null;
        drawn();
        body.classList.add("study-idle"); // the page's chrome back, to leave by
        section.replaceChildren(failed());
      });
    } else {
      started.then((q) => { q.again(); drawn(); }, () => {});
    }
  };
  const close = () => {
    drawn();
    if (!isOpen()) return;
    body.classList.remove("quiz-open", "is-studying", "study-idle");
    document.title = title;
    // Closed by a link into the page (#card-…, "See it in the deck"), the
    // page shows that place (deck.js); else it is back as it was.
    if (location.hash.length <= 1) {
      window.scrollTo(0, scroll);
      const start = document.querySelector(".start-quiz, .study-all");
      if (start) start.focus({ preventScroll: true });
    }
    document.dispatchEvent(new Event("flipdeck:quiz-closed"));
  };
  const sync = () => (location.hash === "#quiz" ? open() : close());
  const enter = () => {
    // Entered from this page: leaving goes back to it.
    if (location.hash === "#quiz" && !(history.state && history.state.quiz)) {
      history.replaceState({ ...history.state, quiz: "in" }, "");
    }
  };

  // Back and Forward (popstate), Start quiz and other links to #quiz
  // (hashchange).
  window.addEventListener("popstate", sync);
  window.addEventListener("hashchange", () => {
    enter();
    sync();
  });
  // A link of the quiz to this very page (Back to the deck, Read the
  // deck, All decks on the index) closes the quiz instead of loading the
  // page again.
  section.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a[href]");
    if (!a || e.defaultPrevented || e.button || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const to = new URL(a.href, location.href);
    if (to.origin !== location.origin || samePath(to.pathname) !== samePath(location.pathname) || to.search !== location.search || to.hash) return;
    e.preventDefault();
    leave();
  });
  function leave() {
    if (history.state && history.state.quiz) {
      history.back(); // its popstate closes the quiz
      return;
    }
    // Loaded at #quiz: the page without it takes this entry's place.
    history.replaceState(null, "", location.pathname + location.search);
    close();
  }
  if (entered) enter();
  sync();
}

// The quiz's sheets (assets/), which a page links only when it opens
// its quiz: its study screen, and the backup reminder it may show (the
// index links that one already). They are linked as the quiz opens,
// while its modules load.
const SHEETS = ["quiz.css", "backup.css"];

/** linkQuizSheets links the quiz's sheets and resolves once they are in. */
function linkQuizSheets(root) {
  return Promise.all(SHEETS.map((s) => linkSheet(root + "assets/" + s)));
}

// linkSheet links the stylesheet at href unless the page does, and
// resolves when it is in (or failed: the quiz still works unstyled).
// The page's own links are in before its scripts run.
function linkSheet(href) {
  const abs = new URL(href, location.href).href;
  for (const l of document.querySelectorAll('link[rel="stylesheet"]')) {
    if (l.href === abs) return Promise.resolve();
  }
  return new Promise((resolve) => {
    const l = document.createElement("link");
    l.rel = "stylesheet";
    l.href = href;
    l.onload = l.onerror = () => resolve();
    document.head.append(l);
  });
}

// A page opened at #quiz (html.at-quiz) imports this module from its
// inline script, before the page script has run: the quiz opens as soon
// as the page is parsed and the quiz's own modules are in, without
// waiting for the page script's, which load at low priority.
if (document.documentElement.classList.contains("at-quiz")) {
  const boot = () => {
    const section = document.getElementById("quiz");
    if (section && document.readyState !== "loading") wireQuizPlace(section, document.getElementById("main"), false);
    return !!section;
  };
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", boot, { once: true }); // "interactive": parsed, before deferred scripts
  } else {
    boot();
  }
}

// samePath: a folder's address and its index.html are one page (the
// index is often reached as the site's folder, its links name index.html).
function samePath(p) {
  return p.endsWith("/index.html") ? p.slice(0, -"index.html".length) : p;
}

function failed() {
  const p = document.createElement("p");
  p.className = "notice";
  p.textContent = "The quiz could not be loaded (offline?). Reload the page to try again; the cards can still be read on the deck pages.";
  return p;
}

/**
 * pageURL is the page's URL relative to the site root (root: the page's
 * path to it, "" or "../"), as the site's files name it ("decks/x.html").
 */
function pageURL(root) {
  const base = new URL(root || "./", location.href).pathname;
  const here = location.pathname;
  return here.startsWith(base) ? decodeURI(here.slice(base.length)) : here.split("/").pop();
}
