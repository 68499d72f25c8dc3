/**
 * Application actions (actionhero's): CDI beans annotated {@link dev.switchboard.actions.Action} that
 * implement {@link dev.switchboard.actions.ActionHandler}, called with the {@code action} verb and listed
 * by {@code documentation}.
 */
package dev.switchboard.actions;
