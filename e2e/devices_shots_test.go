package e2e

// Screenshots of test mode and of "Send my progress" for people to look
// at: FLIPDECK_DEVICE_SHOTS=dir go test ./e2e -run TestDevicesScreenshots.
// Phone (390×844, touch) light and dark, and desktop (1280×800).

import (
	"os"
	"testing"
)

func TestDevicesScreenshots(t *testing.T) {
	dir := os.Getenv("FLIPDECK_DEVICE_SHOTS")
	if dir == "" {
		t.Skip("set FLIPDECK_DEVICE_SHOTS=dir to take the screenshots")
	}
	for _, v := range []struct {
		name          string
		width, height int
		touch, dark   bool
	}{
		{"phone", 390, 844, true, false},
		{"phone", 390, 844, true, true},
		{"desktop", 1280, 800, false, false},
	} {
		p := studyOpen(t, v.width, v.height, v.touch, "")
		p.shots = dir
		p.setDark(v.dark)
		p.quiz(syntaxDeck)
		p.switchMode("test", false)
		p.click("[data-action=start-test]")
		// Go to the first cloze question with a number in it.
		for i := 0; i < 19 && p.str(`document.querySelector(".quiz-card").dataset.kind`) != "cloze"; i++ {
			p.click(".option")
			p.click(".next")
		}
		p.shot(v.name + "-test-question")
		p.click(".option")
		p.shot(v.name + "-test-answered")
		p.quiz(keyboardDeck)
		p.key(" ")
		p.key("3")
		p.openSettings(false)
		p.eval(`document.activeElement && document.activeElement.blur(), document.getElementById("quiz-settings").scrollIntoView(), true`)
		p.shot(v.name + "-settings")
		if p.num(`document.querySelectorAll("#quiz-settings [data-action=send]").length`) == 0 {
			continue // before "Send my progress"
		}
		p.click("#quiz-settings [data-action=send]")
		p.wait(`document.querySelector("#send-dialog .send-link")`)
		p.shot(v.name + "-send")
		link := p.str(`document.querySelector("#send-dialog .send-link").value`)
		q := studyOpen(t, v.width, v.height, v.touch, "")
		q.shots = dir
		q.setDark(v.dark)
		q.open("index.html", `document.body`)
		q.openLink(link)
		q.shot(v.name + "-receive")
		q.click("#receive-dialog [data-action=receive-merge]")
		q.wait(`document.querySelector("#receive-dialog .receive-done")`)
		q.shot(v.name + "-received")
	}
}
