/// The report's style sheet, inlined in the page: system fonts only, colours as custom
/// properties with a light and a dark palette (`prefers-color-scheme`), and print rules that
/// always print light. Charts take their colours from the palette slots `c0` … `c7`.
/// It holds no `<` or `&`, so the page stays well-formed XML.
enum HTMLStyle {
    static let css = """
        :root {
          color-scheme: light dark;
          --bg: #f4f6f8; --panel: #ffffff; --text: #1c2128; --muted: #5d6773; --border: #e2e6ea;
          --grid: #e9ecef; --axis: #a3acb6; --shade: rgba(120, 131, 145, 0.13);
          --pass: #1a7f37; --pass-bg: #d8f5df; --fail: #cf222e; --fail-bg: #ffe3e1; --warn: #9a6700; --warn-bg: #fff3c2;
          --accent: #2f6feb;
          --c0: #2f6feb; --c1: #e8710a; --c2: #1e9e4a; --c3: #8250df; --c4: #d1242f; --c5: #0b8fa8; --c6: #bf8700; --c7: #d4397e;
        }
        @media screen and (prefers-color-scheme: dark) {
          :root {
            --bg: #0e1116; --panel: #161b22; --text: #e6edf3; --muted: #8d96a0; --border: #2a313b;
            --grid: #222933; --axis: #4a535e; --shade: rgba(140, 150, 165, 0.14);
            --pass: #3fb950; --pass-bg: rgba(46, 160, 67, 0.2); --fail: #f85149; --fail-bg: rgba(248, 81, 73, 0.2);
            --warn: #d29922; --warn-bg: rgba(187, 128, 9, 0.22); --accent: #58a6ff;
            --c0: #58a6ff; --c1: #ff9b45; --c2: #4ac26b; --c3: #b392f0; --c4: #ff6a69; --c5: #39c5cf; --c6: #e3b341; --c7: #f778ba;
          }
        }
        * { box-sizing: border-box; }
        html { background: var(--bg); }
        body {
          margin: 0 auto; max-width: 1200px; padding: 28px 28px 48px; color: var(--text); background: var(--bg);
          font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", sans-serif;
        }
        h1 { font-size: 30px; line-height: 1.2; margin: 2px 0 6px; letter-spacing: -0.01em; }
        h2 { font-size: 18px; margin: 0 0 14px; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
        .page-head { margin-bottom: 18px; }
        .eyebrow { margin: 0; color: var(--accent); font-weight: 600; font-size: 12px; letter-spacing: 0.08em; text-transform: uppercase; }
        .lede { margin: 0 0 4px; font-size: 15px; max-width: 75ch; }
        .meta { margin: 0; color: var(--muted); }
        nav { margin-top: 12px; display: flex; flex-wrap: wrap; gap: 6px; }
        nav a {
          color: var(--muted); text-decoration: none; font-size: 12.5px; padding: 3px 10px;
          border: 1px solid var(--border); border-radius: 999px; background: var(--panel);
        }
        nav a:hover { color: var(--text); border-color: var(--axis); }
        section {
          background: var(--panel); border: 1px solid var(--border); border-radius: 12px;
          padding: 20px 24px 22px; margin: 0 0 20px;
        }
        section.verdict { border-left: 6px solid var(--pass); }
        section.verdict.fail { border-left-color: var(--fail); }
        section.verdict.inconclusive { border-left-color: var(--warn); }
        .verdict-head { display: flex; align-items: center; gap: 16px; margin-bottom: 16px; }
        .verdict-head p { margin: 0; font-size: 15px; }
        .badge {
          display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 11.5px; font-weight: 700;
          letter-spacing: 0.05em; white-space: nowrap;
        }
        .badge.big { font-size: 20px; padding: 5px 18px; letter-spacing: 0.06em; }
        .badge.pass { color: var(--pass); background: var(--pass-bg); }
        .badge.fail { color: var(--fail); background: var(--fail-bg); }
        .badge.inconclusive { color: var(--warn); background: var(--warn-bg); }
        .figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(165px, 1fr)); gap: 12px; margin-bottom: 18px; }
        .figure { background: var(--bg); border-radius: 10px; padding: 10px 14px 12px; display: flex; flex-direction: column; }
        .figure .label { color: var(--muted); font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.06em; }
        .figure .value { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; line-height: 1.3; }
        .figure .detail { color: var(--muted); font-size: 12px; }
        table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; margin: 4px 0 6px; }
        th {
          text-align: left; font-weight: 600; color: var(--muted); font-size: 11.5px; text-transform: uppercase;
          letter-spacing: 0.04em; padding: 6px 10px; border-bottom: 1px solid var(--border);
        }
        td { padding: 6px 10px; border-bottom: 1px solid var(--border); vertical-align: middle; }
        tbody tr:last-child td { border-bottom: none; }
        caption { text-align: left; font-weight: 600; padding: 14px 0 4px; }
        .num { text-align: right; white-space: nowrap; }
        td .sub { display: block; color: var(--muted); font-size: 12px; }
        table.objectives tr.fail td:first-child { box-shadow: inset 3px 0 0 var(--fail); }
        table.objectives tr.inconclusive td:first-child { box-shadow: inset 3px 0 0 var(--warn); }
        .note { color: var(--muted); font-size: 12.5px; margin: 6px 0 0; }
        .empty { color: var(--muted); font-style: italic; margin: 4px 0; }
        .callout { font-size: 15px; margin: 0 0 14px; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 18px 28px; margin-bottom: 14px; }
        figure.chart { margin: 0; min-width: 0; }
        figcaption { font-weight: 600; margin-bottom: 2px; }
        figcaption .unit { color: var(--muted); font-weight: 400; font-size: 12.5px; margin-left: 4px; }
        ul.legend { list-style: none; display: flex; flex-wrap: wrap; gap: 2px 14px; padding: 0; margin: 0 0 4px; font-size: 12px; color: var(--muted); }
        .key { display: inline-block; width: 16px; height: 3px; border-radius: 2px; margin-right: 6px; vertical-align: middle; }
        .key.dashed { height: 0; border-top: 2px dashed; background: none; border-radius: 0; }
        svg.plot { display: block; width: 100%; height: auto; overflow: visible; }
        svg.plot.bars { max-width: 640px; }
        svg text { font-family: inherit; }
        .plot text { font-size: 11px; fill: var(--muted); font-variant-numeric: tabular-nums; }
        .plot .label, .plot .value { font-size: 12px; fill: var(--text); }
        .plot .label.strong { font-weight: 700; }
        .gridline { stroke: var(--grid); stroke-width: 1; fill: none; }
        .axis { stroke: var(--axis); stroke-width: 1; fill: none; }
        .shade { fill: var(--shade); }
        .plot .shade-label { font-size: 10.5px; font-style: italic; }
        .line { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
        .line.dashed { stroke-width: 1.3; stroke-dasharray: 4 3; }
        .band { stroke: none; fill-opacity: 0.2; }
        .area { stroke: none; fill-opacity: 0.8; }
        .bar.outer { fill-opacity: 0.35; }
        .marker { fill: currentColor; stroke: var(--panel); stroke-width: 1.5; }
        .plot .point-label { font-size: 11.5px; font-weight: 600; fill: var(--text); paint-order: stroke; stroke: var(--panel); stroke-width: 3px; }
        .whisker { stroke: var(--text); stroke-width: 1.4; fill: none; }
        .reference { stroke: var(--muted); stroke-dasharray: 3 3; fill: none; }
        .c0 { color: var(--c0); } .c1 { color: var(--c1); } .c2 { color: var(--c2); } .c3 { color: var(--c3); }
        .c4 { color: var(--c4); } .c5 { color: var(--c5); } .c6 { color: var(--c6); } .c7 { color: var(--c7); }
        .line, .key.dashed { stroke: currentColor; border-color: currentColor; }
        .band, .area, .bar { fill: currentColor; }
        .key { background: currentColor; }
        svg.gauge { display: block; overflow: visible; }
        .gauge .bad-side { fill: var(--fail-bg); }
        .gauge .good-side { fill: var(--pass-bg); }
        .gauge .target { stroke: var(--text); stroke-width: 1.5; }
        .gauge .dot { stroke: var(--panel); stroke-width: 1.5; }
        .dot.pass { fill: var(--pass); } .dot.fail { fill: var(--fail); } .dot.inconclusive { fill: var(--warn); }
        ul.components { margin: 0 0 12px; padding-left: 20px; }
        details { margin: 8px 0 14px; }
        summary { cursor: pointer; font-weight: 600; }
        pre.json {
          background: var(--bg); border: 1px solid var(--border); border-radius: 8px; padding: 12px 14px;
          overflow: auto; max-height: 520px; margin: 8px 0 0;
        }
        dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; font-size: 13px; }
        dl.provenance dt { color: var(--muted); }
        dl.provenance dd { margin: 0; overflow-wrap: anywhere; }
        @media print {
          :root { color-scheme: light; }
          html, body { background: #ffffff; }
          body { max-width: none; padding: 0; font-size: 12px; }
          nav { display: none; }
          section { border: none; border-radius: 0; padding: 10px 0; margin: 0 0 10px; break-inside: auto; }
          section.verdict { border-left: none; }
          figure.chart, table, .figures, .verdict-head { break-inside: avoid; }
          h2, .callout { break-after: avoid; }
          pre.json { max-height: none; white-space: pre-wrap; }
        }

        """
}
