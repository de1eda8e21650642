// Visible tappable controls smaller than `minimum` px, described for a failure message.
// The rule for what is no target of its own: journeys/test_phone_header_and_tap_targets.py.
(minimum) => {
  // A link in running text: its nearest block ancestor holds more words than the link.
  const inRunningText = (element) => {
    if (element.tagName !== "A") return false;
    let block = element.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) {
      block = block.parentElement;
    }
    if (!block) return false;
    const own = (element.textContent || "").trim().length;
    const around = (block.textContent || "").replace(/\s+/g, " ").trim().length;
    return around > own + 1;
  };
  const visible = (element) => {
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (element.checkVisibility && !element.checkVisibility({visibilityProperty: true, contentVisibilityAuto: true})) return false;
    return style.visibility !== "hidden" && style.display !== "none" && box.width > 0 &&
      box.height > 0 && element.offsetParent !== null && box.right > 0 && box.left < innerWidth;
  };
  const small = [];
  for (const element of document.querySelectorAll("a, button, input, select, textarea, summary")) {
    if (element.type === "hidden" || element.classList.contains("skip-link")) continue;
    let target = element;
    if (element.matches("input[type=checkbox], input[type=radio]") && element.closest(".hub-checkbox-row, .cdx-checkbox__wrapper, .cdx-radio__wrapper, label")) {
      target = element.closest(".hub-checkbox-row, .cdx-checkbox__wrapper, .cdx-radio__wrapper, label");
    }
    if (!visible(element) && !(target !== element && visible(target))) continue;
    if (inRunningText(element)) continue;
    const box = target.getBoundingClientRect();
    if (box.width + 0.5 < minimum || box.height + 0.5 < minimum) {
      small.push(`${element.parentElement.tagName}.${element.parentElement.className} > ${element.outerHTML.slice(0, 140)} is ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
}
