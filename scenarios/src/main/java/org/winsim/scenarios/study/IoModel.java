package org.winsim.scenarios.study;

/**
 * One I/O model of the study: the label its row carries and the lecture scenario whose server stands for it.
 *
 * @param label how the table names the model
 * @param scenario the scenario's name ({@code winsim list}); a name no scenario has yet is reported as not built
 */
public record IoModel(String label, String scenario) {
}
