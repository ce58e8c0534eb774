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
        .copy-target { white-space:pre-line; } .secret { overflow-wrap:anywhere; user-select:all; }
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
        .brand { display:flex; align-items:center; gap:.45rem; min-width:0; }
        .brand .logo { height:32px; max-width:120px; object-fit:contain; } .brand-name { overflow:hidden; text-overflow:ellipsis; }
        nav.main.hq { flex-wrap:nowrap; align-items:center; }
        nav.main.hq > a, details.menu > summary { padding:.45rem .7rem; border-radius:6px; color:var(--ink); cursor:pointer; white-space:nowrap; }
        details.menu { position:relative; } details.menu > summary { list-style:none; } details.menu > summary::-webkit-details-marker { display:none; }
        details.menu > summary::after { content:"▾"; font-size:.7rem; margin-left:.3rem; color:var(--muted); }
        details.menu.current > summary, nav.main.hq > a.current { background:#fee2e2; color:var(--brand-dark); font-weight:600; }
        details.menu .menu-items { position:absolute; top:100%; left:0; z-index:20; min-width:11rem; background:#fff; border:1px solid var(--line);
          border-radius:8px; box-shadow:0 8px 24px rgba(0,0,0,.08); padding:.35rem; display:flex; flex-direction:column; }
        details.menu .menu-items a { padding:.45rem .7rem; border-radius:6px; color:var(--ink); white-space:nowrap; }
        details.menu .menu-items a:hover, details.menu .menu-items a.current { background:#fef2f2; text-decoration:none; }
        .stat.task .value { color:var(--muted); } .stat.task.due { border-color:#fecaca; } .stat.task.due .value { color:var(--brand); }
        a.stat { color:inherit; display:block; } a.stat:hover { text-decoration:none; border-color:var(--brand); }
        .small { font-size:.85rem; font-weight:400; }
        ol.checklist { list-style:none; margin:0; padding:0; counter-reset:step; } ol.checklist li { padding:.45rem 0; border-bottom:1px dashed var(--line); }
        ol.checklist .check { display:inline-block; width:1.3rem; height:1.3rem; margin-right:.5rem; border:2px solid #d1d5db; border-radius:50%;
          text-align:center; line-height:1.05rem; font-size:.8rem; vertical-align:middle; }
        ol.checklist li.done .check { background:var(--ok); border-color:var(--ok); color:#fff; } ol.checklist li.done a { color:var(--muted); text-decoration:line-through; }
        .empty { color:var(--muted); padding:.75rem 0; } .empty a { font-weight:600; }
        .logo-preview { max-height:80px; max-width:240px; border:1px solid var(--line); border-radius:6px; padding:.25rem; background:#fff; }
        .wrap { overflow-wrap:anywhere; } .center { text-align:center; } button.block { width:100%; margin-top:.75rem; }
        ul.list-links { list-style:none; margin:0; padding:0; } ul.list-links li { border-bottom:1px solid var(--line); }
        ul.list-links li:last-child { border-bottom:none; } ul.list-links a { display:flex; align-items:center; gap:.5rem; padding:.7rem .25rem; color:var(--ink); }
        ul.list-links a:hover { text-decoration:none; background:#fafafa; } ul.list-links .amount { margin-left:auto; font-variant-numeric:tabular-nums; }
        ul.list-links .chevron { margin-left:auto; color:var(--muted); font-size:1.2rem; } ul.card.list-links { padding:.25rem 1rem; }
        .home-head { display:flex; flex-direction:column; margin-bottom:.5rem; } .home-head h1 { margin:0; }
        .figures { display:grid; grid-template-columns:repeat(3,minmax(0,1fr)); gap:.6rem; margin-bottom:.9rem; }
        .figure { background:#fff; border:1px solid var(--line); border-radius:12px; padding:.75rem; color:inherit; display:flex; flex-direction:column; min-width:0; }
        .figure:hover { text-decoration:none; border-color:var(--brand); } .figure .label { color:var(--muted); font-size:.82rem; }
        .figure .value { font-size:1.35rem; font-weight:700; font-variant-numeric:tabular-nums; overflow-wrap:anywhere; }
        .figure .sub { color:var(--muted); font-size:.75rem; }
        #home-commission { background:linear-gradient(135deg,#b91c1c,#7f1d1d); color:#fff; border:none; } #home-commission .label, #home-commission .sub { color:#fecaca; }
        nav.quick-actions { display:grid; grid-template-columns:repeat(4,minmax(0,1fr)); gap:.5rem; margin-bottom:1rem; }
        nav.quick-actions a { display:flex; flex-direction:column; align-items:center; gap:.25rem; background:#fff; border:1px solid var(--line);
          border-radius:12px; padding:.7rem .25rem; color:var(--ink); font-size:.88rem; }
        nav.quick-actions a:hover { text-decoration:none; border-color:var(--brand); }
        nav.quick-actions .icon, nav.tabbar .icon { font-size:1.25rem; line-height:1; color:var(--brand); }
        nav.tabbar { display:none; }
        .bank-accounts .account { border:1px solid var(--line); border-radius:10px; padding:.6rem .8rem; margin-bottom:.5rem; background:#fafafa; }
        .bank-accounts dl { display:grid; grid-template-columns:max-content 1fr; gap:.2rem .8rem; margin:0; } .bank-accounts dd { margin:0; overflow-wrap:anywhere; }
        .tier-hint { background:#fff7ed; border:1px solid #fed7aa; color:#9a3412; padding:.55rem .8rem; border-radius:8px; margin:.5rem 0 .9rem; }
        .product-initial, img.product-image { width:56px; height:56px; border-radius:10px; flex:none; object-fit:cover; background:#f3f4f6; }
        .product-initial { display:flex; align-items:center; justify-content:center; font-weight:700; font-size:1.35rem; color:#fff; }
        .tone-0 { background:#b91c1c; } .tone-1 { background:#0f766e; } .tone-2 { background:#1d4ed8; } .tone-3 { background:#7c3aed; }
        .tone-4 { background:#b45309; } .tone-5 { background:#be185d; } .tone-6 { background:#047857; } .tone-7 { background:#4338ca; }
        .hidden { display:none !important; }
        .audit-sentence { font-weight:600; } ul.diff { margin:0; padding-left:1rem; font-size:.88rem; } details.raw summary { cursor:pointer; color:var(--brand); font-size:.82rem; }
        .product-cell { display:inline-flex; align-items:center; gap:.5rem; } .product-cell .product-initial, .product-cell img.product-image {
          width:36px; height:36px; border-radius:8px; font-size:1rem; }
        fieldset.tiers { border:1px solid var(--line); border-radius:8px; padding:.5rem .75rem; } fieldset.tiers legend { font-weight:600; font-size:.88rem; }
        .tier-row { display:flex; flex-wrap:wrap; gap:.5rem 1rem; align-items:center; margin:.3rem 0; } .tier-row label { font-weight:400; display:inline-flex; gap:.35rem; align-items:center; }
        .tier-row input { width:9rem; } .tier-row input.tiny { width:5rem; } .tier-row .error { width:100%; color:var(--bad); font-size:.85rem; }
        .shop-head h1 { margin:0 0 .25rem; } .order-bar a.button { padding:.6rem 1.4rem; font-size:1rem; } a.button:hover { text-decoration:none; }
        .plain-sentence { font-size:1.15rem; font-weight:600; font-variant-numeric:tabular-nums; margin:.25rem 0 .75rem; }
        details#arithmetic > summary, details#commission-details > summary { cursor:pointer; color:var(--brand); font-weight:600; }
        .catalogue-search { display:flex; gap:.5rem; } .catalogue-search input { flex:1; min-width:0; }
        nav.category-tabs { display:flex; flex-wrap:wrap; gap:.35rem; margin:.6rem 0 .75rem; }
        nav.category-tabs a { padding:.3rem .8rem; border-radius:999px; background:#fff; border:1px solid var(--line); color:var(--ink); font-size:.88rem; }
        nav.category-tabs a.current { background:var(--brand); color:#fff; border-color:var(--brand); } nav.category-tabs a:hover { text-decoration:none; }
        ul.catalogue { list-style:none; margin:0; padding:0; display:grid; gap:.5rem; grid-template-columns:repeat(auto-fill,minmax(320px,1fr)); }
        .catalogue-item { display:flex; gap:.7rem; align-items:center; background:#fff; border:1px solid var(--line); border-radius:12px; padding:.6rem; min-width:0; }
        .catalogue-item.chosen { border-color:var(--brand); box-shadow:0 0 0 1px var(--brand) inset; }
        .catalogue-body { flex:1; min-width:0; } .catalogue-name { font-weight:600; overflow-wrap:anywhere; line-height:1.3; }
        .catalogue-body .price { color:var(--brand); font-size:1.05rem; }
        .stepper { display:flex; align-items:center; gap:.25rem; flex:none; }
        .stepper button { width:2rem; height:2rem; padding:0; border-radius:50%; font-size:1.15rem; line-height:1;
          user-select:none; -webkit-user-select:none; touch-action:manipulation; -webkit-tap-highlight-color:transparent; }
        .stepper button.step-down { background:#fff; color:var(--brand); }
        .stepper input.quantity { width:3.3rem; text-align:center; padding:.3rem .2rem; -moz-appearance:textfield; }
        .stepper input.quantity::-webkit-inner-spin-button, .stepper input.quantity::-webkit-outer-spin-button { -webkit-appearance:none; margin:0; }
        .order-bar { position:sticky; bottom:0; z-index:25; display:flex; align-items:center; justify-content:space-between; gap:.75rem;
          background:#fff; border:1px solid var(--line); border-radius:12px; padding:.55rem .8rem; margin-top:.75rem; box-shadow:0 -4px 16px rgba(0,0,0,.07); }
        .order-bar-figures { display:flex; flex-direction:column; min-width:0; } #order-count { color:var(--muted); font-size:.82rem; }
        #order-total { font-size:1.2rem; font-variant-numeric:tabular-nums; } .order-bar button { padding:.6rem 1.4rem; font-size:1rem; }
        @media (max-width: 900px) {
          body.portal nav.main { display:none; }
          body.portal nav.tabbar { display:flex; position:fixed; left:0; right:0; bottom:0; z-index:30; background:#fff; border-top:1px solid var(--line);
            padding:.3rem .25rem calc(.3rem + env(safe-area-inset-bottom)); }
          body.portal nav.tabbar a { flex:1; display:flex; flex-direction:column; align-items:center; gap:.1rem; font-size:.75rem; color:var(--muted); padding:.2rem 0; }
          body.portal nav.tabbar a.current { color:var(--brand); font-weight:600; } body.portal nav.tabbar a:hover { text-decoration:none; }
          body.portal main { padding-bottom:5.5rem; }
          body.portal .order-bar { position:fixed; left:.5rem; right:.5rem; bottom:calc(3.7rem + env(safe-area-inset-bottom)); margin:0; }
          body.portal .catalogue-form { padding-bottom:4.75rem; }
          body.public .order-bar { position:fixed; left:.5rem; right:.5rem; bottom:calc(.5rem + env(safe-area-inset-bottom)); margin:0; }
          body.public .catalogue-form { padding-bottom:4.75rem; }
          ul.catalogue { grid-template-columns:minmax(0,1fr); }
          body.portal .wide-only { display:none; }
        }
        @media (max-width: 700px) {
          header.top { padding:.5rem .75rem; gap:.5rem; flex-wrap:nowrap; min-height:48px; } main { padding:.75rem; } h1 { font-size:1.25rem; }
          body.console nav.main { order:3; width:100%; overflow-x:auto; flex-wrap:nowrap; } body.console header.top { flex-wrap:wrap; }
          nav.main a { white-space:nowrap; }
          .brand { font-size:1rem; flex:1; } .brand small { display:none; } .account { gap:.5rem; }
          body.portal .card { padding:.85rem .9rem; }
          .grid { grid-template-columns:repeat(auto-fit,minmax(140px,1fr)); gap:.6rem; } .stat { padding:.75rem; } .stat .value { font-size:1.3rem; }
          .fields { grid-template-columns:1fr; } dl.profile { grid-template-columns:max-content minmax(0,1fr); } dl.profile dd { overflow-wrap:anywhere; }
          table.responsive thead { display:none; } table.responsive tr { display:block; border-bottom:1px solid var(--line); padding:.4rem 0; }
          table.responsive td { display:flex; justify-content:space-between; gap:.75rem; border:none; padding:.25rem .6rem; text-align:right; overflow-wrap:anywhere; }
          table.responsive td::before { content:attr(data-label); color:var(--muted); font-size:.82rem; text-align:left; flex:none; max-width:45%; }
          table.responsive td:not([data-label])::before, table.responsive td[data-label=""]::before { content:none; }
          table.responsive td.number { text-align:right; }
          .table-wrap { border:none; background:transparent; } table.responsive { background:transparent; }
          table.responsive tbody tr { background:#fff; border:1px solid var(--line); border-radius:10px; margin-bottom:.5rem; }
          .toolbar .field { min-width:0; flex:1 1 140px; } .steps { font-size:.8rem; gap:.3rem; flex-wrap:wrap; }
          pre.json { max-width:100%; } .two-columns, .breakdowns { grid-template-columns:1fr; }
          .figures { gap:.4rem; } .figure { padding:.6rem .5rem; } .figure .value { font-size:1.1rem; }
        }
        """

    static let script = """
        document.addEventListener('click', function (event) {
          // One menu of HQ's top bar open at a time; a click elsewhere closes it.
          document.querySelectorAll('details.menu[open]').forEach(function (menu) {
            if (!menu.contains(event.target)) { menu.removeAttribute('open'); }
          });
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
        // Ordering's catalogue: steppers move by whole packs, the bar keeps the count and total,
        // and search and category tabs filter the list in place so chosen quantities stay.
        function formatFen(fen) {
          var negative = fen < 0; fen = Math.abs(fen);
          var cents = String(fen % 100); if (cents.length < 2) { cents = '0' + cents; }
          var yuan = String((fen - fen % 100) / 100).replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');
          return (negative ? '-' : '') + '¥' + yuan + '.' + cents;
        }
        function updateOrderBar() {
          var count = document.getElementById('order-count');
          if (!count) { return; }
          var lines = 0, units = 0, total = 0;
          document.querySelectorAll('.catalogue-item').forEach(function (item) {
            var quantity = parseInt(item.querySelector('input.quantity').value, 10);
            if (quantity > 0) {
              lines += 1; units += quantity; total += quantity * parseInt(item.getAttribute('data-price-fen'), 10);
              item.classList.add('chosen');
            } else { item.classList.remove('chosen'); }
          });
          count.textContent = count.getAttribute('data-format').replace('{lines}', lines).replace('{units}', units);
          document.getElementById('order-total').textContent = formatFen(total);
        }
        function filterCatalogue() {
          var search = document.querySelector('[data-catalogue-search]');
          var current = document.querySelector('#category-tabs a.current');
          var words = search ? search.value.trim().toLowerCase() : '';
          var category = current ? current.getAttribute('data-category') : '';
          var shown = 0;
          document.querySelectorAll('.catalogue-item').forEach(function (item) {
            var match = (!words || item.getAttribute('data-name').indexOf(words) >= 0) && (!category || item.getAttribute('data-category') === category);
            item.classList.toggle('hidden', !match);
            if (match) { shown += 1; }
          });
          var none = document.getElementById('catalogue-no-match');
          if (none) { none.classList.toggle('hidden', shown > 0); }
        }
        document.addEventListener('click', function (event) {
          var step = event.target.closest('.stepper button');
          if (step) {
            var input = step.parentNode.querySelector('input.quantity');
            var pack = Math.abs(parseInt(step.getAttribute('data-step'), 10));
            var value = parseInt(input.value, 10) || 0;
            var next = step.classList.contains('step-up') ? (Math.floor(value / pack) + 1) * pack : Math.max(0, (Math.ceil(value / pack) - 1) * pack);
            input.value = next > 0 ? String(next) : '';
            updateOrderBar();
            return;
          }
          var tab = event.target.closest('#category-tabs a');
          if (tab && document.getElementById('order-products')) {
            event.preventDefault();
            document.querySelectorAll('#category-tabs a').forEach(function (other) { other.classList.toggle('current', other === tab); });
            filterCatalogue();
          }
        });
        document.addEventListener('change', function (event) {
          // A table's "select all" box ticks every row's box (bulk actions such as marking payouts paid).
          var all = event.target.closest('[data-select-all]');
          if (!all) { return; }
          document.querySelectorAll('#' + all.getAttribute('data-select-all') + ' tbody input[type=checkbox]').forEach(function (box) {
            box.checked = all.checked;
          });
        });
        document.addEventListener('input', function (event) {
          if (event.target.matches('.catalogue-item input.quantity')) { updateOrderBar(); }
          if (event.target.matches('[data-catalogue-search]')) { filterCatalogue(); }
        });
        document.addEventListener('DOMContentLoaded', function () {
          var search = document.querySelector('[data-catalogue-search]');
          if (search && document.getElementById('order-products')) {
            search.form.addEventListener('submit', function (event) { event.preventDefault(); filterCatalogue(); });
          }
          updateOrderBar();
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
