// moved.js: the script of 404.html (with -base-url, which gives it the
// site's address): it sends an address of an earlier build that has
// moved to where it is now, so that bookmarks and Home Screen icons keep
// working. A deck's quiz had a page of its own, quiz/<deck>.html, and
// the review of every deck quiz/all-decks.html; quizzes run in place
// now, on the deck page at #quiz and on the index at #quiz.

const site = new URL("../../", import.meta.url); // assets/js/ → the site's root
const here = location.href.startsWith(site.href) ? location.href.slice(site.href.length).split(/[?#]/)[0] : "";
const quiz = /^quiz\/([^/]+)\.html$/.exec(here);
if (quiz) {
  const to = quiz[1] === "all-decks" ? "index.html#quiz" : "decks/" + quiz[1] + ".html#quiz";
  location.replace(new URL(to, site).href);
}
