"""Driving pages with the keyboard alone (Tab, Shift+Tab, Enter, Space, arrows, typing), as
a keyboard user does, checking at every stop that focus is visible and moves in page order.

Visible focus means the GOV.UK focus colour (#ffdd00) in the focused element's outline,
box shadow or background, or, for a radio or checkbox, in its label's focus ring.
"""

from __future__ import annotations

FOCUS_COLOUR = "rgb(255, 221, 0)"

# Describes document.activeElement: whether it is `target`, whether its focus is visible,
# whether it is on screen, and whether it comes after (forward) or before (backward) the
# element focused at the previous stop, in document order.
_FOCUS_STOP = """([target, colour]) => {
  const el = document.activeElement;
  const has = value => Boolean(value) && value.includes(colour);
  const ringed = style => (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
      && style.outlineColor === colour) || has(style.boxShadow) || style.backgroundColor === colour;
  let visible = el !== document.body && ringed(getComputedStyle(el));
  if (!visible && (el.type === 'radio' || el.type === 'checkbox') && el.labels.length) {
    const label = el.labels[0];
    visible = ['::before', '::after'].some(part => ringed(getComputedStyle(label, part)));
  }
  const box = el.getBoundingClientRect();
  const onScreen = box.width > 0 && box.height > 0 && box.bottom > 0
      && box.top < window.innerHeight;
  const previous = window.__keyboardPrevious;
  let order = 'first';
  if (previous && previous.isConnected && previous !== el) {
    order = previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING
      ? 'forward' : 'backward';
  }
  window.__keyboardPrevious = el;
  const label = (el.labels && el.labels.length ? el.labels[0].textContent
      : el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 60);
  return {isTarget: el === target, isBody: el === document.body, visible, onScreen, order,
          description: `${el.tagName.toLowerCase()}#${el.id} "${label}"`};
}"""


def focused(page) -> str:
    """A short description of the focused element (for messages)."""
    return page.evaluate(_FOCUS_STOP, [None, FOCUS_COLOUR])["description"]


def tab_to(page, target, *, backwards: bool = False, limit: int = 80) -> int:
    """Press Tab (or Shift+Tab) until `target` (a locator) has focus; return the presses.

    Fails if focus is not visible or not on screen at any stop, goes against the page
    order, leaves the page, or does not reach `target` within `limit` presses.
    """
    handle = target.element_handle()
    page.evaluate("() => { window.__keyboardPrevious = document.activeElement; }")
    expected = "backward" if backwards else "forward"
    for presses in range(1, limit + 1):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        stop = page.evaluate(_FOCUS_STOP, [handle, FOCUS_COLOUR])
        where = f"{page.url}: {stop['description']}"
        assert not stop["isBody"], f"focus left the page before reaching the target ({where})"
        assert stop["visible"], f"focus is not visible on {where}"
        assert stop["onScreen"], f"the focused element is not on screen: {where}"
        assert stop["order"] in ("first", expected), f"focus jumped {stop['order']} to {where}"
        if stop["isTarget"]:
            return presses
    raise AssertionError(f"{limit} presses of Tab did not reach the target on {page.url}")


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def choose_radio(page, label: str, *, limit: int = 10) -> None:
    """With focus in a radio group, press the down arrow until the radio labelled `label`
    is focused (arrows check the radio they move to); Space checks it if Tab landed on it."""
    for _ in range(limit):
        text, checked = page.evaluate(
            "() => [document.activeElement.labels[0].textContent.trim(),"
            " document.activeElement.checked]"
        )
        if text == label:
            if not checked:
                page.keyboard.press("Space")
            assert page.evaluate("() => document.activeElement.checked")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the radio {label!r} was not reached with the arrow keys")


def follow(page, key: str = "Enter") -> None:
    """Press `key` on the focused link or button and wait for the next page to load."""
    with page.expect_navigation():
        page.keyboard.press(key)


def choose_option(page, label: str) -> None:
    """With focus on a closed select, press the arrow keys until the option `label` is
    selected (each press changes the selection, as on Windows and Linux)."""
    current, wanted = page.evaluate(
        """label => { const select = document.activeElement;
            const texts = [...select.options].map(option => option.text.trim());
            return [select.selectedIndex, texts.indexOf(label)]; }""",
        label,
    )
    assert wanted >= 0, f"no option {label!r} in the focused select"
    key = "ArrowDown" if wanted > current else "ArrowUp"
    for _ in range(abs(wanted - current)):
        page.keyboard.press(key)
    assert (
        page.evaluate(
            "() => document.activeElement.options[document.activeElement.selectedIndex].text.trim()"
        )
        == label
    )
