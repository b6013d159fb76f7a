using Microsoft.Playwright;

namespace Aggregator.Tests.Pages.Browser;

/// <summary>Accessibility and layout checks run in the page itself, so they see what the browser rendered.</summary>
public static class PageChecks
{
    /// <summary>
    /// Landmarks (banner, navigation, main, contentinfo), one h1, heading levels that never skip going down, a label
    /// for every form field, side badges with at least 4.5:1 contrast (WCAG AA), and no sideways scrolling.
    /// Returns the problems found; empty means the page passed.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ProblemsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("""
            () => {
              const problems = [];
              for (const [selector, name] of [['header', 'banner'], ['nav', 'navigation'], ['main', 'main'], ['footer', 'contentinfo']])
                if (!document.querySelector(selector)) problems.push(`no ${name} landmark`);
              const h1 = document.querySelectorAll('h1').length;
              if (h1 !== 1) problems.push(`${h1} h1 headings`);
              let previous = 0;
              for (const h of document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')) {
                const level = Number(h.tagName[1]);
                if (previous && level > previous + 1) problems.push(`heading "${h.textContent.trim()}" jumps from h${previous} to h${level}`);
                previous = level;
              }
              for (const field of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
                const labelled = field.labels?.length || field.getAttribute('aria-label') || field.getAttribute('aria-labelledby');
                if (!labelled) problems.push(`field ${field.name || field.id} has no label`);
              }
              const rgb = s => (s.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
              const lum = ([r, g, b]) => [r, g, b].map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
                                                   .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
              for (const badge of document.querySelectorAll('.badge')) {
                const style = getComputedStyle(badge);
                const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
                const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                if (ratio < 4.5) problems.push(`badge "${badge.textContent.trim()}" contrast ${ratio.toFixed(2)}:1`);
              }
              if (document.documentElement.scrollWidth > window.innerWidth + 1)
                problems.push(`page is ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px viewport`);
              return problems;
            }
            """);
}
