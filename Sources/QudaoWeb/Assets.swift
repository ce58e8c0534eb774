/// The site's style sheet and script, served from memory so the binary is self-contained.
enum Assets {
    static let styleSheet = """
        :root { --ink:#1f2937; --muted:#6b7280; --line:#e5e7eb; --bg:#f6f7f9; --brand:#b91c1c; --brand-dark:#7f1d1d;
          --ok:#047857; --warn:#b45309; --bad:#b91c1c; --card:#fff; }
        * { box-sizing: border-box; }
        body { margin:0; font-family: "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
          color:var(--ink); background:var(--bg); font-size:15px; line-height:1.5; }
        a { color:var(--brand); text-decoration:none; } a:hover { text-decoration:underline; }
        header.top { background:#fff; border-bottom:1px solid var(--line); display:flex; align-items:center; gap:1.5rem;
          padding:0 1.25rem; min-height:56px; flex-wrap:wrap; }
        .brand { font-weight:700; font-size:1.15rem; color:var(--brand); white-space:nowrap; }
        .brand small { color:var(--muted); font-weight:400; margin-left:.35rem; }
        nav.main { display:flex; gap:.25rem; flex-wrap:wrap; flex:1; }
        nav.main a { padding:.45rem .7rem; border-radius:6px; color:var(--ink); }
        nav.main a.current { background:#fee2e2; color:var(--brand-dark); font-weight:600; }
        .account { display:flex; gap:.75rem; align-items:center; color:var(--muted); font-size:.9rem; }
        .account form { margin:0; }
        main { max-width:1200px; margin:0 auto; padding:1.25rem; }
        h1 { font-size:1.45rem; margin:.25rem 0 1rem; } h2 { font-size:1.15rem; margin:1.5rem 0 .75rem; }
        .card { background:var(--card); border:1px solid var(--line); border-radius:10px; padding:1rem 1.25rem; margin-bottom:1rem; }
        .grid { display:grid; grid-template-columns:repeat(auto-fit,minmax(180px,1fr)); gap:1rem; }
        .stat { background:#fff; border:1px solid var(--line); border-radius:10px; padding:1rem; }
        .stat .value { font-size:1.6rem; font-weight:700; } .stat .label { color:var(--muted); font-size:.85rem; }
        table { width:100%; border-collapse:collapse; background:#fff; }
        th, td { text-align:left; padding:.55rem .6rem; border-bottom:1px solid var(--line); vertical-align:top; }
        th { font-size:.82rem; color:var(--muted); font-weight:600; background:#fafafa; }
        td.number, th.number { text-align:right; font-variant-numeric:tabular-nums; }
        .table-wrap { overflow-x:auto; border:1px solid var(--line); border-radius:10px; }
        .badge { display:inline-block; padding:.1rem .5rem; border-radius:999px; font-size:.8rem; background:#f3f4f6; }
        .badge.active { background:#d1fae5; color:var(--ok); } .badge.pending { background:#fef3c7; color:var(--warn); }
        .badge.suspended { background:#fde68a; color:#92400e; } .badge.terminated, .badge.disabled { background:#fee2e2; color:var(--bad); }
        form.stack label, .field label { display:block; font-weight:600; font-size:.88rem; margin-bottom:.25rem; }
        .field { margin-bottom:.9rem; } .fields { display:grid; grid-template-columns:repeat(auto-fit,minmax(240px,1fr)); gap:0 1rem; }
        input[type=text], input[type=password], input[type=number], input[type=search], select, textarea {
          width:100%; padding:.5rem .6rem; border:1px solid #d1d5db; border-radius:6px; font:inherit; background:#fff; }
        input:focus, select:focus, textarea:focus { outline:2px solid #fca5a5; border-color:var(--brand); }
        .field.invalid input, .field.invalid select, .field.invalid textarea { border-color:var(--bad); background:#fff7f7; }
        .field .error { color:var(--bad); font-size:.85rem; margin-top:.2rem; }
        .field .hint { color:var(--muted); font-size:.8rem; margin-top:.2rem; }
        .checks label { display:inline-flex; gap:.35rem; align-items:center; font-weight:400; margin-right:1rem; }
        button, .button { display:inline-block; padding:.5rem 1rem; border-radius:6px; border:1px solid var(--brand);
          background:var(--brand); color:#fff; font:inherit; cursor:pointer; }
        button.secondary, .button.secondary { background:#fff; color:var(--brand); }
        button.link { background:none; border:none; color:var(--brand); padding:0; }
        .actions { display:flex; gap:.5rem; flex-wrap:wrap; align-items:center; margin:.75rem 0; }
        .toolbar { display:flex; gap:.5rem; flex-wrap:wrap; align-items:flex-end; margin-bottom:1rem; }
        .toolbar .field { margin:0; min-width:140px; }
        .notice { background:#ecfdf5; border:1px solid #a7f3d0; color:var(--ok); padding:.6rem .9rem; border-radius:8px; margin-bottom:1rem; }
        .alert { background:#fef2f2; border:1px solid #fecaca; color:var(--bad); padding:.6rem .9rem; border-radius:8px; margin-bottom:1rem; }
        .alert ul { margin:.3rem 0 0 1.1rem; padding:0; }
        .pager { display:flex; gap:.5rem; align-items:center; margin:1rem 0; color:var(--muted); }
        dl.profile { display:grid; grid-template-columns:max-content 1fr; gap:.4rem 1.25rem; margin:0; }
        dl.profile dt { color:var(--muted); } dl.profile dd { margin:0; }
        ul.tree, ul.tree ul { list-style:none; margin:0; padding-left:1.4rem; border-left:1px dashed #d1d5db; }
        ul.tree { padding-left:0; border:none; } ul.tree li { margin:.3rem 0; }
        .tree-node { flex-wrap:wrap; row-gap:.15rem; } .tree-node a, .tree-node .muted, .badge { white-space:nowrap; }
        .tree-node { display:inline-flex; gap:.5rem; align-items:center; background:#fff; border:1px solid var(--line);
          border-radius:8px; padding:.3rem .6rem; }
        .actions.spread { justify-content:space-between; } form.inline { display:inline; } .narrow { max-width:460px; }
        input.short { max-width:200px; } input.tiny { max-width:90px; }
        ol.timeline { list-style:none; margin:0; padding:0 0 0 1rem; border-left:2px solid #fecaca; }
        ol.timeline li { position:relative; margin:0 0 1rem; padding-left:.75rem; }
        ol.timeline li::before { content:''; position:absolute; left:-1.45rem; top:.35rem; width:.7rem; height:.7rem; border-radius:50%; background:var(--brand); }
        .timeline-time { font-size:.8rem; color:var(--muted); } .timeline-payload { font-size:.85rem; margin-top:.15rem; }
        .summary-box { display:grid; grid-template-columns:max-content 1fr; gap:.3rem 1rem; font-variant-numeric:tabular-nums; }
        .summary-box .total { font-weight:700; font-size:1.15rem; }
        nav.tabs { display:flex; flex-wrap:wrap; gap:.25rem; margin:0 0 1rem; border-bottom:1px solid var(--line); }
        nav.tabs a { padding:.4rem .8rem; border-radius:6px 6px 0 0; text-decoration:none; } nav.tabs a.current { background:var(--brand); color:#fff; }
        ol.calculation li { margin:.35rem 0; line-height:1.5; } .change-up { color:var(--ok); } .change-down { color:var(--bad); }
        .warning { color:var(--warn); } .steps { display:flex; gap:.5rem; margin-bottom:1rem; font-size:.9rem; }
        .steps span { padding:.25rem .6rem; border-radius:999px; background:#f3f4f6; } .steps span.on { background:var(--brand); color:#fff; }
        input.quantity { max-width:110px; }
        .inbox { position:relative; } .inbox .count { display:inline-block; min-width:1.2rem; margin-left:.2rem; padding:0 .3rem;
          border-radius:999px; background:var(--brand); color:#fff; font-size:.75rem; text-align:center; }
        .urgent-banner { background:#fef2f2; border-bottom:1px solid #fecaca; color:var(--bad); padding:.5rem 1.25rem; }
        .urgent-banner a { margin-left:.5rem; font-weight:600; }
        ul.inbox-list { list-style:none; margin:0; padding:0; } ul.inbox-list li { background:#fff; border:1px solid var(--line);
          border-radius:10px; padding:.75rem 1rem; margin-bottom:.6rem; } ul.inbox-list li.unread { border-left:4px solid var(--brand); }
        ul.inbox-list li.urgent .title { color:var(--bad); } ul.inbox-list .title { font-weight:600; }
        .badge.urgent, .badge.warning { background:#fee2e2; color:var(--bad); } .badge.quality { background:#d1fae5; color:var(--ok); }
        .badge.potential { background:#e0e7ff; color:#3730a3; } .badge.normal, .badge.closed { background:#f3f4f6; }
        .badge.open { background:#fef3c7; color:var(--warn); } .badge.waiting { background:#fef3c7; color:var(--warn); }
        .progress { margin-top:.6rem; color:var(--muted); } .progress-bar { display:block; height:4px; width:100%; margin-bottom:.3rem;
          background:linear-gradient(90deg, var(--brand) 0 30%, #fee2e2 30% 100%); background-size:200% 100%; animation:progress 1.2s linear infinite; }
        @keyframes progress { from { background-position:100% 0; } to { background-position:-100% 0; } }
        .muted { color:var(--muted); } .mono { font-family:ui-monospace,monospace; font-size:.88rem; }
        .login { max-width:380px; margin:8vh auto; }
        .copy-target { white-space:pre-line; }
        .metrics { grid-template-columns:repeat(auto-fit,minmax(200px,1fr)); margin-bottom:1rem; }
        .metric .value { font-size:1.45rem; } .metric .compare { font-size:.8rem; margin-top:.25rem; }
        .change { font-weight:600; margin-right:.4rem; } .change.good { color:var(--ok); } .change.bad { color:var(--bad); } .change.flat { color:var(--muted); }
        .dashboard-head { display:flex; justify-content:space-between; align-items:flex-start; gap:1rem; flex-wrap:wrap; margin-bottom:.75rem; }
        .filter-summary { margin:0; padding-left:1.1rem; font-size:.85rem; } .exports { display:flex; gap:.5rem; flex-wrap:wrap; }
        .breakdowns { display:grid; grid-template-columns:repeat(auto-fit,minmax(380px,1fr)); gap:1rem; }
        .breakdowns svg { max-width:420px; display:block; }
        .breakdowns figure { margin:0; } .chart figcaption { margin-bottom:.4rem; }
        .two-columns { display:grid; grid-template-columns:repeat(auto-fit,minmax(640px,1fr)); gap:1.5rem; }
        #report-table td, #report-table th { white-space:nowrap; }
        #top-partners td:nth-child(2), #top-partners td:nth-child(4), #top-partners td:nth-child(5) { white-space:nowrap; }
        pre.json { white-space:pre-wrap; word-break:break-all; font-size:.8rem; margin:0; max-width:420px; }
        @media (max-width: 700px) {
          header.top { padding:.5rem .75rem; gap:.5rem; } nav.main { order:3; width:100%; overflow-x:auto; flex-wrap:nowrap; }
          nav.main a { white-space:nowrap; } main { padding:.75rem; } h1 { font-size:1.25rem; }
          table.responsive thead { display:none; } table.responsive tr { display:block; border-bottom:1px solid var(--line); padding:.4rem 0; }
          table.responsive td { display:flex; justify-content:space-between; border:none; padding:.25rem .6rem; }
          table.responsive td::before { content:attr(data-label); color:var(--muted); font-size:.82rem; margin-right:1rem; }
        }
        """

    static let script = """
        document.addEventListener('click', function (event) {
          var reveal = event.target.closest('[data-copy-url]');
          if (reveal) {
            // The full text (with the phone unmasked) is fetched on demand, so the page itself only
            // ever shows masked personal data, and each reveal is recorded by the server.
            fetch(reveal.getAttribute('data-copy-url'), { credentials: 'same-origin' }).then(function (response) {
              return response.ok ? response.text() : Promise.reject(response.status);
            }).then(function (text) {
              var target = document.getElementById(reveal.getAttribute('data-copy-target'));
              if (target) { target.textContent = text; }
              var done = function () { reveal.textContent = reveal.getAttribute('data-copied') || '✓'; };
              if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, done); } else { done(); }
            });
            return;
          }
          var copy = event.target.closest('[data-copy]');
          if (copy) {
            var text = document.getElementById(copy.getAttribute('data-copy')).textContent.trim();
            var done = function () { var old = copy.textContent; copy.textContent = copy.getAttribute('data-copied') || '✓';
              setTimeout(function () { copy.textContent = old; }, 1500); };
            if (navigator.clipboard) { navigator.clipboard.writeText(text).then(done, done); } else { done(); }
          }
        });
        // A dashboard's dates: typing a date makes the range custom; choosing a preset clears the
        // dates, so the preset's own days are shown after applying.
        document.addEventListener('change', function (event) {
          var form = event.target.closest('form[data-range-form]');
          if (!form) { return; }
          var range = form.querySelector('select[name=range]');
          if (event.target.name === 'from' || event.target.name === 'to') { range.value = 'custom'; }
          if (event.target === range && range.value !== 'custom') {
            form.querySelectorAll('input[name=from], input[name=to]').forEach(function (input) { input.value = ''; });
          }
        });
        document.addEventListener('submit', function (event) {
          var message = event.target.getAttribute('data-confirm');
          if (message && !window.confirm(message)) { event.preventDefault(); return; }
          // Long uploads and imports show that they are working, and cannot be sent twice.
          var progress = event.target.getAttribute('data-progress');
          if (progress) {
            var button = event.target.querySelector('button[type=submit]');
            if (button) { button.disabled = true; }
            var bar = document.createElement('div');
            bar.className = 'progress';
            bar.setAttribute('role', 'status');
            bar.innerHTML = '<span class="progress-bar"></span>';
            bar.appendChild(document.createTextNode(progress));
            event.target.appendChild(bar);
          }
        });
        """
}
