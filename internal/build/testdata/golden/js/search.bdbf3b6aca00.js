// The search page's script: it reads the index that internal/search
// builds (search/<lang>/ beside the pages) and shows what matches.
// Normalize, docTokens and queryTokens are the twins of the Go functions
// in internal/search/tokenize.go; testdata/spec.json there holds the cases
// both pass (the browser test runs them through window.plansiteSearch).
(function () {
  'use strict';

  // ---- The tokenizer (see internal/search/tokenize.go) ----

  var HALF_KANA = Array.from('ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン');
  var HALF_PUNCT = Array.from('。「」、・');
  var LATIN = {};
  [['a', 'ÀÁÂÃÄÅàáâãäåĀāĂăĄą'], ['c', 'ÇçĆćĈĉĊċČč'], ['e', 'ÈÉÊËèéêëĒēĔĕĖėĘęĚě'],
    ['i', 'ÌÍÎÏìíîïĨĩĪīĬĭĮįİ'], ['n', 'ÑñŃńŅņŇň'], ['o', 'ÒÓÔÕÖØòóôõöøŌōŎŏŐő'],
    ['u', 'ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲų'], ['y', 'ÝýÿŸ']].forEach(function (p) {
    Array.from(p[1]).forEach(function (ch) { LATIN[ch.codePointAt(0)] = p[0].codePointAt(0); });
  });
  var STOP = {};
  'a an and are as at be by for from in is it of on or s that the to with'.split(' ').forEach(function (w) { STOP[w] = true; });
  var LETTER = /\p{L}/u;

  function foldWidth(r) {
    if (r >= 0xFF01 && r <= 0xFF5E) return r - 0xFEE0;
    if (r === 0x3000) return 0x20;
    return r;
  }

  function voice(r, semi) {
    if (semi && r >= 0x30CF && r <= 0x30DB && (r - 0x30CF) % 3 === 0) return r + 2;
    if (!semi && r === 0x30A6) return 0x30F4;
    if (!semi && ((r >= 0x30AB && r <= 0x30C1 && (r - 0x30AB) % 2 === 0) ||
      (r >= 0x30C4 && r <= 0x30C8 && (r - 0x30C4) % 2 === 0) ||
      (r >= 0x30CF && r <= 0x30DB && (r - 0x30CF) % 3 === 0))) return r + 1;
    return -1;
  }

  function foldKanaCase(r) {
    if (r >= 0x30A1 && r <= 0x30F6) return r - 0x60;
    if (r === 0x30FD || r === 0x30FE) return r - 0x60;
    if (r >= 0x41 && r <= 0x5A) return r + 0x20;
    if (r >= 0xC0 && r <= 0x17F && LATIN[r] !== undefined) return LATIN[r];
    return r;
  }

  // normalizeMap returns the normalized code points of s and, for each,
  // the index in s (UTF-16) of the character it came from and its end.
  function normalizeMap(s) {
    var out = [], from = [], to = [];
    var i = 0;
    for (var ch of s) {
      var start = i;
      i += ch.length;
      var r = foldWidth(ch.codePointAt(0));
      if (r === 0xFF9E || r === 0xFF9F) {
        if (out.length > 0) {
          var v = voice(out[out.length - 1], r === 0xFF9F);
          if (v >= 0) { out[out.length - 1] = v; to[to.length - 1] = i; }
        }
        continue;
      }
      if (r >= 0xFF66 && r <= 0xFF9D) r = HALF_KANA[r - 0xFF66].codePointAt(0);
      else if (r >= 0xFF61 && r <= 0xFF65) r = HALF_PUNCT[r - 0xFF61].codePointAt(0);
      out.push(r); from.push(start); to.push(i);
    }
    for (var k = 0; k < out.length; k++) out[k] = foldKanaCase(out[k]);
    return { cps: out, from: from, to: to };
  }

  function normalize(s) { return String.fromCodePoint.apply(null, normalizeMap(s).cps); }

  function isDigit(r) { return r >= 0x30 && r <= 0x39; }
  function isWord(r) {
    return (r >= 0x61 && r <= 0x7A) || isDigit(r) || (r < 0x2E80 && r > 0x7F && LETTER.test(String.fromCodePoint(r)));
  }
  function isCJK(r) {
    return (r >= 0x3041 && r <= 0x3096) || (r >= 0x309D && r <= 0x309F) ||
      (r >= 0x30A1 && r <= 0x30FA) || r === 0x30FC || (r >= 0x3005 && r <= 0x3007) ||
      (r >= 0x3400 && r <= 0x4DBF) || (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0xF900 && r <= 0xFAFF) ||
      (r >= 0x20000 && r <= 0x2FFFF);
  }

  function foldPlural(w) {
    var n = w.length;
    if (n <= 3 || w[n - 1] !== 's' || /[0-9]/.test(w)) return w;
    if (w.endsWith('ies') && n > 4) return w.slice(0, n - 3) + 'y';
    if (w.endsWith('sses') || w.endsWith('xes') || w.endsWith('ches') || w.endsWith('shes')) return w.slice(0, n - 2);
    if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
    return w.slice(0, n - 1);
  }

  // scan cuts normalized code points into words and Japanese runs.
  function scan(rs, word, cjk) {
    var i = 0;
    while (i < rs.length) {
      var r = rs[i], j;
      if (isCJK(r)) {
        j = i;
        while (j < rs.length && isCJK(rs[j])) j++;
        cjk(rs.slice(i, j));
        i = j;
      } else if (isWord(r)) {
        var w = [], numeric = true;
        j = i;
        while (j < rs.length) {
          var c = rs[j];
          if (isWord(c)) {
            w.push(c);
            numeric = numeric && (isDigit(c) || c === 0x2E);
            j++;
            continue;
          }
          if ((c === 0x2C || c === 0x2E) && j > i && isDigit(rs[j - 1]) && j + 1 < rs.length && isDigit(rs[j + 1])) {
            if (c === 0x2E) w.push(c);
            j++;
            continue;
          }
          break;
        }
        var s = String.fromCodePoint.apply(null, w);
        if (numeric) {
          word(s);
          if (j < rs.length && rs[j] === 0x25) word(s + '%');
        } else if (!STOP[s]) {
          word(foldPlural(s));
        }
        i = j;
      } else {
        i++;
      }
    }
  }

  function str(cps) { return String.fromCodePoint.apply(null, cps); }

  function docTokens(norm) {
    var out = [];
    scan(Array.from(norm, function (c) { return c.codePointAt(0); }), function (w) { out.push(w); }, function (run) {
      for (var i = 0; i + 1 < run.length; i++) out.push(str(run.slice(i, i + 2)));
      out.push(str(run.slice(run.length - 1)));
    });
    return out;
  }

  // queryTokens returns {text, prefix} tokens, each once.
  function queryTokens(query) {
    var out = [], seen = {};
    function add(text, prefix) {
      var k = (prefix ? '*' : '=') + text;
      if (!seen[k]) { seen[k] = true; out.push({ text: text, prefix: prefix }); }
    }
    scan(normalizeMap(query).cps, function (w) { add(w, false); }, function (run) {
      if (run.length === 1) { add(str(run), true); return; }
      for (var i = 0; i + 1 < run.length; i++) add(str(run.slice(i, i + 2)), false);
    });
    return out;
  }

  function shardKey(tok) {
    var r = tok.codePointAt(0);
    return isCJK(r) ? String.fromCodePoint(r) : tok;
  }

  // shardOf is FNV-1a (32 bits) of the UTF-8 of the shard key, modulo n.
  var encoder = new TextEncoder();
  function shardOf(tok, n) {
    var h = 2166136261;
    var bytes = encoder.encode(shardKey(tok));
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h % n;
  }

  // ---- The index (see internal/search/query.go, its twin) ----

  var MAX_EXTRA_PAGES = 6;

  function Index(root) {
    this.root = root;
    this.files = {};
    this.shards = {};
    this.meta = null;
    this.orgs = null;
  }

  Index.prototype.get = function (path) {
    var self = this;
    if (!this.files[path]) {
      this.files[path] = fetch(this.root + path).then(function (res) {
        if (!res.ok) throw new Error(path + ': HTTP ' + res.status);
        return res.json();
      });
      this.files[path].catch(function () { delete self.files[path]; });
    }
    return this.files[path];
  };

  Index.prototype.open = function () {
    var self = this;
    return this.get('meta.json').then(function (m) { self.meta = m; return m; });
  };

  Index.prototype.shard = function (n) {
    var self = this;
    if (this.shards[n]) return Promise.resolve(this.shards[n]);
    return this.get('s/' + n + '.json').then(function (raw) {
      if (self.shards[n]) return self.shards[n];
      var sh = raw.map(function (r, i) {
        var e = { shard: n, index: i, token: r[0], df: r[1], pages: r[2], loaded: 1, weights: new Map(), order: [] };
        addPostings(e, r[3]);
        return e;
      });
      self.shards[n] = sh;
      return sh;
    });
  };

  function addPostings(e, flat) {
    for (var i = 0; i + 1 < flat.length; i += 2) {
      if (!e.weights.has(flat[i])) e.order.push(flat[i]);
      e.weights.set(flat[i], flat[i + 1]);
    }
  }

  Index.prototype.loadPage = function (e) {
    var page = e.loaded + 1;
    return this.get('p/' + e.shard + '-' + e.index + '-' + page + '.json').then(function (flat) {
      if (e.loaded + 1 === page) { // not read meanwhile by another search
        addPostings(e, flat);
        e.loaded = page;
      }
    });
  };

  Index.prototype.loadOrgs = function () {
    var self = this;
    return this.get('orgs.json').then(function (o) { self.orgs = o; return o; });
  };

  Index.prototype.filter = function (f) {
    var self = this;
    var years = null;
    if (f.year) {
      this.meta.years.forEach(function (y) { if (y[0] === f.year) years = [y[1], y[2]]; });
      if (!years) years = [0, 0];
    }
    function yearOK(d) { return !years || (d >= years[0] && d < years[1]); }
    if (f.org < 0) return Promise.resolve(yearOK);
    return this.loadOrgs().then(function () {
      var ranges = f.org < self.orgs.length ? self.orgs[f.org].slice(1) : [];
      return function (d) {
        if (!yearOK(d)) return false;
        for (var i = 0; i + 1 < ranges.length; i += 2) if (d >= ranges[i] && d < ranges[i + 1]) return true;
        return false;
      };
    });
  };

  function weight(es, d) {
    var w = 0;
    es.forEach(function (e) { w = Math.max(w, e.weights.get(d) || 0); });
    return w;
  }

  function complete(es) { return es.every(function (e) { return e.loaded >= e.pages; }); }
  function dfOf(es) { return es.reduce(function (n, e) { return n + e.df; }, 0); }

  // filters are the terms every result must hold: those whose postings
  // are all loaded, or else the one with the least df.
  function filters(terms) {
    var must = terms.filter(complete);
    if (must.length > 0) return must;
    var rarest = terms[0];
    terms.slice(1).forEach(function (es) { if (dfOf(es) < dfOf(rarest)) rarest = es; });
    return [rarest];
  }

  Index.prototype.rank = function (terms, allow) {
    var n = this.meta.n;
    var must = filters(terms);
    var seen = new Set(), cands = [];
    must[0].forEach(function (e) {
      e.order.forEach(function (d) { if (!seen.has(d)) { seen.add(d); cands.push(d); } });
    });
    var res = [];
    cands.forEach(function (d) {
      if (!allow(d)) return;
      for (var i = 1; i < must.length; i++) if (weight(must[i], d) === 0) return;
      var score = 0, matched = 0;
      terms.forEach(function (es) {
        var w = weight(es, d);
        if (w > 0) {
          matched++;
          score += w * Math.log(1 + n / dfOf(es));
        }
      });
      res.push({ doc: d, score: score, matched: matched });
    });
    res.sort(function (a, b) { return b.matched - a.matched || b.score - a.score || a.doc - b.doc; });
    return res;
  };

  // search resolves to {results, more}: up to limit documents, best
  // first, and whether more may be found. It is Searcher.Search in Go.
  Index.prototype.search = function (query, f, limit) {
    var self = this;
    var toks = queryTokens(query);
    if (toks.length === 0) return Promise.resolve({ results: [], more: false });
    return Promise.all(toks.map(function (t) { return self.shard(shardOf(t.text, self.meta.shards)); })).then(function (shards) {
      var terms = toks.map(function (t, i) {
        return shards[i].filter(function (e) { return e.token === t.text || (t.prefix && e.token.startsWith(t.text)); });
      });
      if (terms.some(function (es) { return es.length === 0; })) return { results: [], more: false };
      return self.filter(f).then(function (allow) {
        function step(extra) {
          var res = self.rank(terms, allow);
          var next = null;
          filters(terms).forEach(function (es) {
            es.forEach(function (e) {
              if (e.loaded < e.pages && (next === null || e.order.length < next.order.length)) next = e;
            });
          });
          if (res.length >= limit || extra >= MAX_EXTRA_PAGES || next === null) {
            return { results: res.slice(0, limit), more: res.length > limit || next !== null };
          }
          return self.loadPage(next).then(function () { return step(extra + 1); });
        }
        return step(0);
      });
    });
  };

  Index.prototype.doc = function (d) {
    var c = Math.floor(d / this.meta.chunk);
    var self = this;
    return this.get('d/' + c + '.json').then(function (rows) {
      var r = rows[d % self.meta.chunk];
      return { doc: d, kind: r[0], title: r[1], path: r[2], org: r[3], year: r[4], context: r[5], text: r[6] };
    });
  };

  // ---- Highlighting ----

  // highlight appends text to el with the parts that match a query token
  // in <mark>: a match is found on the normalized text and mapped back.
  function highlight(el, text, toks) {
    var m = normalizeMap(text);
    var cps = m.cps, marked = new Array(cps.length).fill(false);
    var needles = [];
    toks.forEach(function (t) {
      // Japanese pairs are marked by their characters; a whole query run
      // joins its pairs, so mark each pair wherever it occurs.
      needles.push(Array.from(t.text, function (c) { return c.codePointAt(0); }));
    });
    needles.forEach(function (nd) {
      if (nd.length === 0) return;
      var latin = !isCJK(nd[0]);
      for (var i = 0; i + nd.length <= cps.length; i++) {
        var ok = true;
        for (var k = 0; k < nd.length; k++) if (cps[i + k] !== nd[k]) { ok = false; break; }
        if (!ok) continue;
        if (latin && i > 0 && isWord(cps[i - 1])) continue; // words match at their start
        for (k = 0; k < nd.length; k++) marked[i + k] = true;
        // A folded plural in the text (banks for bank): mark the word's end too.
        if (latin) for (k = i + nd.length; k < cps.length && isWord(cps[k]); k++) marked[k] = true;
      }
    });
    var i = 0;
    while (i < cps.length) {
      var j = i;
      while (j < cps.length && marked[j] === marked[i]) j++;
      var part = text.slice(m.from[i], m.to[j - 1]);
      if (marked[i]) {
        var mk = document.createElement('mark');
        mk.textContent = part;
        el.appendChild(mk);
      } else {
        el.appendChild(document.createTextNode(part));
      }
      i = j;
    }
  }

  // snippet picks the part of text around the first match, about n
  // characters long.
  function snippet(text, toks, n) {
    var norm = normalize(text);
    var at = -1;
    toks.forEach(function (t) {
      var i = norm.indexOf(t.text);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    });
    var chars = Array.from(text);
    if (chars.length <= n) return text;
    var start = Math.max(0, Math.min(at < 0 ? 0 : Array.from(norm.slice(0, at)).length - 20, chars.length - n));
    return (start > 0 ? '…' : '') + chars.slice(start, start + n).join('') + (start + n < chars.length ? '…' : '');
  }

  // ---- The page ----

  var LIMIT = 20;

  // format fills a message in: %q is the query, %n and %s the number of
  // results shown.
  function format(msg, q, n) {
    return msg.replace('%q', q).replace('%n', String(n)).replace('%s', String(n));
  }

  function start() {
    var box = document.getElementById('search');
    if (!box) return;
    var ds = box.dataset;
    var form = box.querySelector('form');
    var input = document.getElementById('search-q');
    var orgSel = document.getElementById('search-org');
    var yearSel = document.getElementById('search-year');
    var status = document.getElementById('search-status');
    var list = document.getElementById('search-results');
    var index = new Index(ds.index);
    var seq = 0;
    var timer = null;
    var orgsShown = null; // the promise of the options, once asked for
    form.hidden = false;
    var params = new URLSearchParams(location.search);
    input.value = params.get('q') || '';

    function showOrgs() {
      if (orgsShown) return orgsShown;
      orgsShown = index.loadOrgs().then(function (orgs) {
        var want = params.get('org');
        orgs.forEach(function (o, i) {
          var opt = document.createElement('option');
          opt.value = String(i);
          opt.textContent = o[0];
          if (want === String(i)) opt.selected = true;
          orgSel.appendChild(opt);
        });
      }, function () { orgsShown = null; });
      return orgsShown;
    }

    var ready = index.open().then(function (meta) {
      meta.years.forEach(function (y, i) {
        var opt = document.createElement('option');
        opt.value = String(y[0]);
        opt.textContent = meta.labels[i];
        if (params.get('year') === String(y[0])) opt.selected = true;
        yearSel.appendChild(opt);
      });
      if (params.get('org')) return showOrgs();
    });

    function run() {
      var q = input.value.trim();
      var my = ++seq;
      if (!q) {
        list.replaceChildren();
        status.textContent = '';
        box.dataset.state = 'idle';
        return;
      }
      box.dataset.state = 'searching';
      ready.then(function () {
        // Read after the index opened: the year options come from it.
        var f = { org: parseInt(orgSel.value, 10), year: parseInt(yearSel.value, 10) };
        return index.search(q, f, LIMIT);
      }).then(function (found) {
        if (my !== seq) return null;
        return Promise.all(found.results.map(function (r) { return index.doc(r.doc); })).then(function (docs) {
          if (my !== seq) return;
          render(q, docs, found.more);
        });
      }).catch(function () {
        if (my !== seq) return;
        status.textContent = ds.msgError;
        box.dataset.state = 'error';
      });
    }

    function render(q, docs, more) {
      var toks = queryTokens(q);
      var items = docs.map(function (d) {
        var li = document.createElement('li');
        var title = document.createElement('p');
        title.className = 'search-title';
        var a = document.createElement('a');
        a.href = ds.base + d.path;
        highlight(a, d.title, toks);
        title.appendChild(a);
        li.appendChild(title);
        var where = document.createElement('p');
        where.className = 'search-where';
        where.textContent = [ds['kind' + d.kind[0].toUpperCase() + d.kind.slice(1)], d.org, d.year, d.context].filter(Boolean).join(' › ');
        li.appendChild(where);
        if (d.text) {
          var sn = document.createElement('p');
          sn.className = 'search-snippet';
          highlight(sn, snippet(d.text, toks, 120), toks);
          li.appendChild(sn);
        }
        return li;
      });
      list.replaceChildren.apply(list, items);
      var msg = docs.length === 0 ? ds.msgNone : more ? ds.msgMore : ds.msgCount;
      status.textContent = format(msg, q, docs.length);
      box.dataset.state = 'done';
      box.dataset.query = q;
      if (!orgsShown) setTimeout(showOrgs, 0);
    }

    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(run, 40);
    });
    orgSel.addEventListener('focus', showOrgs);
    orgSel.addEventListener('change', run);
    yearSel.addEventListener('change', run);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      run();
    });
    if (input.value) run();
  }

  window.plansiteSearch = { normalize: normalize, docTokens: docTokens, queryTokens: queryTokens, shardOf: shardOf };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
