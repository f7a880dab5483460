/*
 * The site's search worker, behind Material's unchanged search interface.
 *
 * Material's page starts the worker named in its `__config.search`; the
 * hook hooks/search_index.py names this file there (and lazy-search.js
 * starts it on first use in the hosted edition). It speaks Material's worker
 * protocol (SearchMessageType in Material's sources):
 *   SETUP (0) { config, docs, options } -> READY (1)
 *   QUERY (2) the query as typed       -> RESULT (3) { items, vi }
 * where `items` is what Material's own worker answers: the matching entries
 * grouped by page, each group with the page's own entry (score 0 if it did
 * not match), each entry { location, title, text, score, terms } with the
 * matched words marked. `vi` is read by the page half (assets/search/vi.js):
 * { approximate, absent, total (entries holding every word), read (those
 * read and ranked), ms: { files, compute } }.
 *
 * Material's worker builds a lunr index from every entry's text on first
 * use. This one reads the index built at build time (vanban/search_index.py),
 * a file at a time as queries need them: `meta` when search opens, the
 * shards holding the query's words, then the chunks holding the entries it
 * ranks best. From file:// (offline edition, Material's iframe-worker shim)
 * the files are scripts loaded with importScripts; over HTTP, JSON.
 *
 * Ranking, as a Vietnamese reader expects:
 * 1. every word counts: an entry is a result only if it holds every word of
 *    the query, folded; the last word, while it is being typed, as the
 *    beginning of a word. Folded syllables are ambiguous ("nhan" is nhân,
 *    nhận, nhàn …), so when some entries hold each word within NEAR
 *    positions of another query word, an entry where a word stands far from
 *    all the others is left out: there it is most likely another word.
 *    When no entry holds them all, the entries holding the most of them are
 *    shown as partial matches (`vi.approximate`) with the missing words named
 *    (Material's "Thiếu: …");
 * 2. exact accents first: the share of the words typed with diacritics that
 *    the entry holds with exactly those diacritics ("dân vận" before "dẫn
 *    vấn"; both tone placements are one word);
 * 3. words together first: the longest run of the query's words standing
 *    next to each other, in order, in the title or the text; as much for a
 *    title that holds every word (the page "Kế hoạch số 855/KH-UBND" for
 *    "ke hoach 855", above a file name "ke-hoach-855-…" in a paragraph);
 * 4. an entry where the word being typed is also a whole word ("Mục II":
 *    "II" before "III");
 * 5. then BM25 over the folded words (text, plus the title), times the share
 *    of the title made of query words (a page titled as the query first) and
 *    a small bonus for provisions.
 * Steps 2 to 4 read the text of the MAX_RANKED entries ranked best by
 * steps 1 and 5 (their chunks are needed to show them anyway): the index
 * holds no word positions, which keeps it within twice the size of
 * Material's own.
 */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  /* Entries whose text is read (steps 2 to 4) and shown: enough for the
     first screens of results; each may cost a chunk to fetch */
  var MAX_RANKED = 30;
  /* ... when a word must be checked on the text (a quoted phrase, a short
     prefix found in many shards): more candidates, since some will fail */
  var MAX_RANKED_CHECKED = 90;
  /* A prefix whose words fill more shards than this is checked on the text
     of the candidates of the other words (a one-letter prefix on a large
     site) */
  var MAX_PREFIX_SHARDS = 3;
  /* Words a prefix stands for, the most frequent first (each costs its
     postings: while typing "tru", truyền, trung, trực … are enough) */
  var MAX_EXPANSIONS = 16;
  /* BM25 */
  var K1 = 1.2, B = 0.75;
  /* Weight of a title holding the word, against its text (x idf) */
  var TITLE = 1.5;
  /* Score factor 1 + TITLE_SHARE x (share of the title's words that are query words) */
  var TITLE_SHARE = 2;
  /* Score of an entry where the word being typed is also a whole word: less
     than a step of "words together" for up to 6 words, more than BM25's 10 */
  var WHOLE = 15;
  /* Positions apart (one word between) within which two query words are near */
  var NEAR = 2;
  /* Score factor of a provision (an entry of its own for a điểm, khoản …) */
  var PROVISION = 1.2;
  /* Index format (vanban/search_index.py) */
  var FORMAT = 1;
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var LENGTH_BASE = 1.3;
  var TF_INLINE = 3;

  self.viSearchWorker = true;  // vi.js: no page half here
  var shim = typeof parent !== "undefined" && parent !== self && "IFrameWorker" in parent;
  /* This script's own address: in the shim, the iframe's first script with a source */
  var here = shim ? document.querySelector("script[src]").src : self.location.href;
  var ready = Promise.resolve(importScripts(new URL("vi.js", here).href));

  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < ALPHABET.length; d++) DIGIT[ALPHABET.charCodeAt(d)] = d;

  /* --- Files -------------------------------------------------------------- */

  var store = null;       // { version, format, folder }
  var files = new Map();  // name -> Promise of its data
  var scripted = {};      // data of the script files (offline edition)
  self.viSearchData = function (name, value) { scripted[name] = value; };

  function file(name) {
    if (!files.has(name)) {
      var url = new URL(store.version + "-" + name + "." + store.format, store.folder).href;
      var loading = store.format === "js"
        ? Promise.resolve(importScripts(url)).then(function () {
            if (!(name in scripted)) throw new Error("Search data not loaded: " + url);
            var value = scripted[name];
            delete scripted[name];
            return value;
          })
        : fetch(url).then(function (response) {
            if (!response.ok) throw new Error(response.status + " " + url);
            return response.json();
          });
      files.set(name, loading);
      loading.catch(function () { files.delete(name); });
    }
    return files.get(name);
  }

  /* --- The meta file: entries, pages, chunks, shards ------------------------ */

  var meta = null;

  function runningSum(deltas) {
    var out = new Int32Array(deltas.length);
    for (var i = 0, sum = 0; i < deltas.length; i++) out[i] = sum += deltas[i];
    return out;
  }

  /* The last start at or before `value` in a sorted array of starts: its index */
  function startOf(starts, value) {
    var lo = 0, hi = starts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= value) lo = mid + 1; else hi = mid;
    }
    return lo - 1;
  }

  function setup(config) {
    if (!config.vi) throw new Error("search_index.json does not name the site's index");
    store = { version: config.vi.version, format: config.vi.format,
              folder: new URL("../../search/vi/", here) };
    return file("meta").then(function (data) {
      if (data.format !== FORMAT) throw new Error("Unknown search index format " + data.format);
      var n = data.entries.length;
      var lengths = new Float32Array(n);
      var provision = new Uint8Array(n);
      var classes = new Float32Array(32);
      for (var c = 1; c < 32; c++) classes[c] = Math.pow(LENGTH_BASE, c - 1);
      for (var i = 0; i < n; i++) {
        var code = DIGIT[data.entries.charCodeAt(i)];
        lengths[i] = classes[code & 31];
        provision[i] = code >> 5;
      }
      meta = { n: n, lengths: lengths, provision: provision, average: data.average || 1,
               pages: runningSum(data.pages), chunks: runningSum(data.chunks), shards: data.shards,
               titles: data.titles, abbreviations: data.abbreviations || {},
               shardMaps: new Map(), postings: new Map() };
    });
  }

  /* --- Shards and postings ------------------------------------------------ */

  /* The shard a term falls in: the number of shards' first terms <= it */
  function shardOf(term) {
    var firsts = meta.shards, lo = 0, hi = firsts.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (firsts[mid] <= term) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function shard(number) {
    if (!meta.shardMaps.has(number))
      meta.shardMaps.set(number, file("s" + number).then(function (flat) {
        var terms = new Map();
        for (var i = 0; i < flat.length; i += 2) terms.set(flat[i], flat[i + 1]);
        return terms;
      }));
    return meta.shardMaps.get(number);
  }

  /* A term's postings: entries (ascending), count in the text, title holds it.
     Decoded straight into typed arrays: a frequent term of a large archive
     has tens of thousands. */
  function decode(data) {
    var size = data.length;  // at least one character per posting
    var docs = new Int32Array(size), tf = new Uint16Array(size), title = new Uint8Array(size);
    var count = 0, value = 0, previous = -1, extra = false;
    for (var i = 0; i < size; i++) {
      var digit = DIGIT[data.charCodeAt(i)];
      value = value * 32 + (digit & 31);
      if (digit >= 32) continue;
      if (extra) {
        tf[count - 1] += value;
        extra = false;
      } else {
        var inline = value % 4;
        previous += Math.floor(value / 8) + 1;
        docs[count] = previous;
        tf[count] = inline;
        title[count] = value % 8 >= 4 ? 1 : 0;
        count++;
        extra = inline === TF_INLINE;
      }
      value = 0;
    }
    return { docs: docs.subarray(0, count), tf: tf.subarray(0, count), title: title.subarray(0, count) };
  }

  function postings(term, data) {
    if (!meta.postings.has(term)) meta.postings.set(term, decode(data));
    return meta.postings.get(term);
  }

  /**
   * The index terms a query word stands for: itself, or for a prefix the
   * words it begins. `deferred` when a prefix spans too many shards and other
   * words can find the candidates: it is then checked on their text.
   */
  function expand(word, alone) {
    var meaning = !word.literal && meta.abbreviations[word.folded];
    if (meaning) {
      /* "UBND": the word itself, or "uy ban nhan dan" (each of its words) */
      word.phrase = meaning.split(" ");
      return Promise.all([expand({ folded: word.folded, prefix: false, literal: true }, alone)].concat(
        word.phrase.map(function (folded) { return expand({ folded: folded, prefix: false, literal: true }, alone); })))
        .then(function (found) {
          return { terms: found[0].terms, phrase: found.slice(1).map(function (f) { return f.terms; }) };
        });
    }
    if (!word.prefix)
      return shard(shardOf(word.folded)).then(function (terms) {
        return { terms: terms.has(word.folded) ? [[word.folded, terms.get(word.folded)]] : [] };
      });
    var first = shardOf(word.folded), last = shardOf(word.folded + "\uffff");
    if (last - first >= MAX_PREFIX_SHARDS && !alone) return Promise.resolve({ terms: [], deferred: true });
    var numbers = [];
    for (var k = first; k <= Math.min(last, first + MAX_PREFIX_SHARDS - 1); k++) numbers.push(k);
    return Promise.all(numbers.map(shard)).then(function (maps) {
      var found = [];
      maps.forEach(function (terms) {
        terms.forEach(function (data, term) {
          if (term.lastIndexOf(word.folded, 0) === 0) found.push([term, data]);
        });
      });
      /* The most frequent first: a longer postings string, more entries */
      found.sort(function (a, b) { return b[1].length - a[1].length; });
      return { terms: found.slice(0, MAX_EXPANSIONS) };
    });
  }

  /* --- Chunks: the entries themselves -------------------------------------- */

  function entries(numbers) {
    var wanted = new Set(numbers.map(function (n) { return startOf(meta.chunks, n); }));
    var list = Array.from(wanted);
    return Promise.all(list.map(function (k) { return file("c" + k); })).then(function (chunks) {
      var byChunk = new Map();
      list.forEach(function (k, i) { byChunk.set(k, chunks[i]); });
      return function (n) {
        var k = startOf(meta.chunks, n);
        var entry = byChunk.get(k)[n - meta.chunks[k]];
        return { location: entry[0], title: entry[1], text: entry[2] };
      };
    });
  }

  /* --- Ranking ------------------------------------------------------------- */

  function matches(term, folded) {
    return term.prefix ? folded.lastIndexOf(term.folded, 0) === 0 : folded === term.folded;
  }

  function matchesAccented(term, form) {
    return term.prefix ? form.lastIndexOf(term.accented, 0) === 0 : form === term.accented;
  }

  /* The ways a query term can be written: itself, or (an abbreviation) the
     words of its meaning in order */
  function spellings(term, words) {
    var phrase = words[term.word] && words[term.word].phrase;
    var own = [term];
    return phrase ? [own, phrase.map(function (folded) { return { folded: folded, prefix: false }; })] : [own];
  }

  /**
   * What the text of an entry says about the query: which words it holds
   * (by index into `words`), the share of accented words held exactly, the
   * longest run of query terms standing together in order, the share of its
   * title made of query words, whether the quoted phrases stand together,
   * and the words to mark in its title and text.
   */
  function reading(entry, query, words) {
    var title = viSearch.findWords(entry.title, true);
    var text = viSearch.findWords(entry.text, true);
    var tokens = title.concat([null], text);
    var terms = query.terms;
    var ways = terms.map(function (term) { return spellings(term, words); });
    var held = new Uint8Array(words.length);
    var at = [];  // at[p]: the words matching at position p
    var whole = 0;  // the word being typed is also a whole word here ("II", not only "III")
    var heldInTitle = new Uint8Array(words.length);
    var exact = new Uint8Array(terms.length);
    var covered = new Uint8Array(tokens.length);
    var runs = [];  // runs[p][i]: query terms standing together in order, term i ending at p
    var longest = 0;
    var phrases = query.phrases.map(function () { return false; });
    for (var p = 0; p < tokens.length; p++) {
      var run = runs[p] = new Int32Array(terms.length);
      if (!tokens[p]) continue;
      for (var i = 0; i < terms.length; i++) {
        for (var s = 0; s < ways[i].length; s++) {
          var way = ways[i][s], from = p - way.length + 1, k;
          if (from < 0) continue;
          for (k = 0; k < way.length; k++)
            if (!tokens[from + k] || !matches(way[k], tokens[from + k].folded)) break;
          if (k < way.length) continue;
          held[terms[i].word] = 1;
          if (p < title.length) heldInTitle[terms[i].word] = 1;
          for (k = from; k <= p; k++) {
            covered[k] = 1;
            (at[k] || (at[k] = [])).push(terms[i].word);
          }
          if (s === 0 && terms[i].accented && matchesAccented(terms[i], tokens[p].accented)) exact[i] = 1;
          if (s === 0 && terms[i].prefix && tokens[p].folded === terms[i].folded) whole = 1;
          var length = 1 + (i > 0 && from > 0 ? runs[from - 1][i - 1] : 0);
          if (length > run[i]) run[i] = length;
        }
        if (run[i] > longest) longest = run[i];
      }
      query.phrases.forEach(function (range, r) {
        if (run[range[1]] >= range[1] - range[0] + 1) phrases[r] = true;
      });
    }
    var accentedCount = 0, exactCount = 0, titleHits = 0;
    for (var t = 0; t < terms.length; t++) if (terms[t].accented) { accentedCount++; exactCount += exact[t]; }
    for (var c = 0; c < title.length; c++) titleHits += covered[c];
    /* Each word near another one: within NEAR positions of an other query word */
    var near = new Uint8Array(words.length);
    at.forEach(function (here, p) {
      for (var q = Math.max(0, p - NEAR); q <= p + NEAR; q++) {
        if (q === p || !at[q]) continue;
        here.forEach(function (w) {
          if (at[q].some(function (other) { return other !== w; })) near[w] = 1;
        });
      }
    });
    /* Marked: a matched word near another query word ("hành" in "cải cách
       hành chính", not in "ban hành"), or any match of a word that is near
       no other one in this entry */
    function shown(p) {
      if (!at[p]) return false;
      if (words.length < 2) return true;
      return at[p].some(function (w) {
        if (!near[w]) return true;
        for (var q = Math.max(0, p - NEAR); q <= p + NEAR; q++)
          if (q !== p && at[q] && at[q].some(function (other) { return other !== w; })) return true;
        return false;
      });
    }
    var titleHeld = 0;
    for (var h = 0; h < words.length; h++) titleHeld += heldInTitle[h];
    return {
      held: held,
      exact: accentedCount ? exactCount / accentedCount : 0,
      together: terms.length > 1 ? (longest - 1) / (terms.length - 1) : 1,
      titleShare: title.length ? titleHits / title.length : 0,
      titleAll: titleHeld === words.length ? 1 : 0,
      whole: whole,
      close: words.every(function (word, w) { return near[w] || !held[w]; }),
      phrases: phrases.every(Boolean),
      title: title.filter(function (word, n) { return shown(n); }),
      text: text.filter(function (word, n) { return shown(title.length + 1 + n); })
    };
  }

  /* --- Showing ------------------------------------------------------------- */

  /* `html` from `start` to `end` with the given words (offsets in `html`) marked */
  function marked(html, words, start, end) {
    var out = "", at = start;
    words.forEach(function (word) {
      if (word.start < start || word.end > end) return;
      out += html.slice(at, word.start) + "<mark>" + html.slice(word.start, word.end) + "</mark>";
      at = word.end;
    });
    return out + html.slice(at, end);
  }

  /* Top-level blocks of an index text (<p>…</p>, <ul>…</ul>, bare text): [start, end) */
  function blocks(html) {
    var out = [], depth = 0, start = 0, tag = /<(\/?)[a-zA-Z][^>]*?(\/?)>/g, m;
    while ((m = tag.exec(html))) {
      if (m[1]) {
        depth--;
        if (depth === 0) { out.push([start, tag.lastIndex]); start = tag.lastIndex; }
      } else if (!m[2]) {
        if (depth === 0 && m.index > start) {
          if (html.slice(start, m.index).trim()) out.push([start, m.index]);
          start = m.index;
        }
        depth++;
      }
    }
    if (html.slice(start).trim()) out.push([start, html.length]);
    return out;
  }

  /* Like Material: the (at most two) blocks holding marked words, else the first */
  function preview(html, words) {
    var all = blocks(html);
    var hits = all.filter(function (block) {
      return words.some(function (word) { return word.start >= block[0] && word.end <= block[1]; });
    }).slice(0, 2);
    return (hits.length ? hits : all.slice(0, 1)).map(function (block) {
      return marked(html, words, block[0], block[1]);
    }).join("");
  }

  /* --- Search -------------------------------------------------------------- */

  function popcount(x) {
    x -= (x >>> 1) & 0x55555555;
    x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
    return (((x + (x >>> 4)) & 0x0F0F0F0F) * 0x01010101) >>> 24;
  }

  function search(raw) {
    var query = viSearch.parseQuery(raw);
    if (!query.terms.length) return Promise.resolve({ items: [] });
    /* Distinct words (a word typed twice counts once); each term knows its word */
    var words = [], byKey = new Map();
    query.terms.forEach(function (term) {
      var key = term.folded + (term.prefix ? "*" : "");
      if (!byKey.has(key)) { byKey.set(key, words.length); words.push(term); }
      term.word = byKey.get(key);
    });
    words = words.slice(0, 31);
    var alone = words.length === 1;
    var excluded = query.excluded.map(function (folded) { return { folded: folded, prefix: false }; });
    var clock = { started: performance.now(), files: 0 };
    return Promise.all(words.concat(excluded).map(function (word) { return expand(word, alone); }))
      .then(function (expansions) {
        clock.files += performance.now() - clock.started;
        return rank(query, words, expansions.slice(0, words.length), expansions.slice(words.length), clock);
      });
  }

  function rank(query, words, expansions, exclusions, clock) {
    var n = meta.n;
    var mask = new Uint32Array(n);
    var score = new Float64Array(n);
    var touched = [];
    var tf = new Float32Array(n), inTitle = new Uint8Array(n);
    var absent = [];
    var required = 0;
    expansions.forEach(function (expansion, w) {
      if (expansion.deferred) return;
      required |= 1 << w;
      var docs = [];
      expansion.terms.forEach(function (pair) {
        var list = postings(pair[0], pair[1]);
        for (var i = 0; i < list.docs.length; i++) {
          var doc = list.docs[i];
          if (!tf[doc] && !inTitle[doc]) docs.push(doc);
          tf[doc] += list.tf[i];
          inTitle[doc] |= list.title[i];
        }
      });
      if (expansion.phrase && expansion.phrase.every(function (terms) { return terms.length; })) {
        /* Entries holding every word of the abbreviation's meaning (together: read later) */
        var lists = expansion.phrase.map(function (terms) { return postings(terms[0][0], terms[0][1]); });
        lists.sort(function (a, b) { return a.docs.length - b.docs.length; });
        var sets = lists.slice(1).map(function (list) { return new Set(list.docs); });
        lists[0].docs.forEach(function (doc) {
          if (!sets.every(function (set) { return set.has(doc); })) return;
          if (!tf[doc] && !inTitle[doc]) docs.push(doc);
          tf[doc] += 1;
        });
      }
      if (!docs.length) absent.push(words[w].folded);
      var idf = Math.log(1 + (n - docs.length + 0.5) / (docs.length + 0.5));
      docs.forEach(function (doc) {
        var f = tf[doc];
        var norm = K1 * (1 - B + B * meta.lengths[doc] / meta.average);
        score[doc] += idf * (f * (K1 + 1) / (f + norm) + TITLE * inTitle[doc]);
        if (!mask[doc]) touched.push(doc);
        mask[doc] |= 1 << w;
        tf[doc] = 0;
        inTitle[doc] = 0;
      });
    });
    var banned = new Set();
    exclusions.forEach(function (expansion) {
      expansion.terms.forEach(function (pair) {
        postings(pair[0], pair[1]).docs.forEach(function (doc) { banned.add(doc); });
      });
    });
    var candidates = touched.filter(function (doc) {
      return (mask[doc] & required) === required && !banned.has(doc);
    });
    var approximate = !candidates.length;
    if (approximate) candidates = touched.filter(function (doc) { return !banned.has(doc); });
    var first = function (doc) {
      return score[doc] * (meta.provision[doc] ? PROVISION : 1);
    };
    var checked = query.phrases.length || expansions.some(function (e) { return e.deferred; });
    var total = candidates.length;
    var keep = checked ? MAX_RANKED_CHECKED : MAX_RANKED;
    /* Step 1's order (coverage, then score), of the best `keep` only: find
       the key of the keep-th best with a numeric sort, sort those above it */
    var key = new Float64Array(candidates.length);
    candidates.forEach(function (doc, k) {
      key[k] = (approximate ? popcount(mask[doc]) * 1e9 : 0) + first(doc);
    });
    if (candidates.length > keep) {
      var bar = Float64Array.from(key).sort()[candidates.length - keep];
      candidates = candidates.filter(function (doc, k) { return key[k] >= bar; });
    }
    candidates.sort(function (a, b) {
      return (approximate ? popcount(mask[b]) - popcount(mask[a]) : 0) || first(b) - first(a);
    });
    candidates = candidates.slice(0, keep);
    var waiting = performance.now();
    return entries(candidates).then(function (entryOf) {
      clock.files += performance.now() - waiting;
      var ranked = [];
      candidates.forEach(function (doc) {
        var entry = entryOf(doc);
        var read = reading(entry, query, words);
        var held = 0;
        for (var w = 0; w < words.length; w++) held += read.held[w];
        if (!approximate && (held < words.length || !read.phrases)) return;
        if (!held) return;
        var relevance = first(doc) * (1 + TITLE_SHARE * read.titleShare);
        var value = (approximate ? 10000 * held / words.length : 0) + 1000 * read.exact +
          100 * read.together + 100 * read.titleAll + WHOLE * read.whole + 10 * relevance / (relevance + 5);
        var terms = {};
        words.forEach(function (word, w) {
          terms[word.folded] = !!read.held[w];
          /* An abbreviation: its meaning's words too, for `?h=` on the page */
          if (word.phrase && read.held[w]) word.phrase.forEach(function (part) { terms[part] = true; });
        });
        ranked.push({ doc: doc, score: value, held: held, close: read.close, item: {
          location: entry.location,
          title: marked(entry.title, read.title, 0, entry.title.length),
          text: preview(entry.text, read.text),
          score: value,
          terms: terms
        } });
      });
      ranked.sort(function (a, b) { return b.score - a.score; });
      if (approximate) {
        /* The best partial matches: those holding the most words */
        var most = Math.max.apply(null, ranked.map(function (r) { return r.held; }).concat([0]));
        ranked = ranked.filter(function (r) { return r.held === most; });
      }
      if (ranked.length && ranked[0].held > 1 && ranked.some(function (r) { return r.close; })) {
        /* A word far from every other query word is most likely another word
           that folds alike ("nhân" for "nhận" in "nhan thuc"): when some
           entries hold every word near another, they are the results. */
        ranked = ranked.filter(function (r) { return r.close; });
      }
      if (checked && !approximate && ranked.length > MAX_RANKED) ranked = ranked.slice(0, MAX_RANKED);
      var groups = new Map();
      ranked.forEach(function (result) {
        var page = meta.pages[startOf(meta.pages, result.doc)];
        if (!groups.has(page)) groups.set(page, []);
        groups.get(page).push(result);
      });
      var items = [];
      groups.forEach(function (results, page) {
        var group = results.map(function (result) { return result.item; });
        if (!results.some(function (result) { return result.doc === page; })) {
          /* The page's own entry heads its group (Material needs it): its
             title from meta, its location that of its sections before "#" */
          group.push({ location: results[0].item.location.split("#")[0],
                       title: meta.titles[startOf(meta.pages, page)], text: "", score: 0, terms: {} });
        }
        items.push(group);
      });
      /* Milliseconds in the worker: waiting for files, and the rest (read by the benchmark) */
      var ms = performance.now() - clock.started;
      return { items: items, vi: { approximate: approximate && items.length > 0, absent: absent,
                                   total: total, read: candidates.length, ms: { files: Math.round(clock.files),
                                                       compute: Math.round(ms - clock.files) } } };
    });
  }

  /* --- Messages ------------------------------------------------------------ */

  var queue = Promise.resolve();
  addEventListener("message", function (event) {
    var message = event.data;
    queue = queue.then(function () { return ready; }).then(function () {
      switch (message.type) {
        case SETUP:
          return setup(message.data.config).then(function () { postMessage({ type: READY }); });
        case QUERY:
          return search(message.data).then(function (data) {
            postMessage({ type: RESULT, data: data });
          });
        default:
          throw new TypeError("Invalid message type");
      }
    }).catch(function (error) {
      console.warn("Search failed:", error);
      if (message && message.type === QUERY) postMessage({ type: RESULT, data: { items: [] } });
    });
  });
})();
