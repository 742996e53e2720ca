// stats.js: entry module of the statistics page (filled in by the study-engine work).
